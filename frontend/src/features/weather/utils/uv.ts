// The WHO's UV index levels, each with its advice in words.
export type UvLevel = 'low' | 'moderate' | 'high' | 'veryHigh' | 'extreme';

/** The level of a UV index; null when it is missing ("not available", never 0). */
export function uvLevel(index: number | null | undefined): UvLevel | null {
  if (index === null || index === undefined || !Number.isFinite(index) || index < 0) return null;
  const rounded = Math.round(index);
  if (rounded <= 2) return 'low';
  if (rounded <= 5) return 'moderate';
  if (rounded <= 7) return 'high';
  if (rounded <= 10) return 'veryHigh';
  return 'extreme';
}
