// Text a plain database text column does not store as it was sent: U+0000 (PostgreSQL text cannot
// hold it) and an unpaired UTF-16 surrogate (not Unicode: PostgreSQL refuses it, SQLite stores
// U+FFFD in its place). A phone sends the second when its code cuts a string between the halves of
// an emoji. Inside a stored JSON document both are kept exactly, as JSON escapes (SY21).

// eslint-disable-next-line no-control-regex -- U+0000 is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function isStorableText(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(text);
}

/** `text` with every character a text column cannot hold replaced by U+FFFD (�). */
export function storableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE, '\ufffd');
}
