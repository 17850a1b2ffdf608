/**
 * Hong Kong's Personal Data (Privacy) Ordinance: collect the minimum. A customer is a reference,
 * not a name or an identity card number. These detectors drive warnings on free text and the
 * refusal of a customer reference that is really personal data.
 */
export type PersonalDataKind = 'hkid' | 'phone' | 'email';

// HKID: one or two letters, six digits, a check digit in optional brackets, e.g. A123456(7).
// A bare check digit must end the token, so a long reference such as SR2026031800042 is not one.
const HKID = /\b[A-Z]{1,2}\d{6}\s?(?:\([0-9A]\)|[0-9A](?![0-9A-Z]))/i;
// Hong Kong numbers are 8 digits starting 2,3,5,6,7,8,9, optionally after 852 or +852 (also
// written without a space: +85291234567). Digits glued by - or / to a token that starts with a
// letter are a reference (ACC-23456789, TCK-2026-1183), not a phone number.
const PHONE = /(?<![A-Z]\w*[-/])(?:(?:\+|\b)852[\s-]?|\b)[235-9]\d{3}[\s-]?\d{4}\b/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

export function personalDataIn(text: string): PersonalDataKind[] {
  const found: PersonalDataKind[] = [];
  if (HKID.test(text)) found.push('hkid');
  if (PHONE.test(text)) found.push('phone');
  if (EMAIL.test(text)) found.push('email');
  return found;
}
