/** The colour families; each pairs text, background and edge at WCAG AA or better (styles.css). */
export type Tone = 'info' | 'success' | 'warning' | 'danger' | 'neutral';

export const toneClass = (tone: Tone): string => `tone-${tone}`;
