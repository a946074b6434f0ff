/** Text cut to at most `max` characters, the last an ellipsis when anything was cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** How much of a bad value a reply echoes back: 40 characters and an ellipsis. */
export const ECHO_MAX = 41;
/** How much of a query a reply title or "not found" line repeats. */
export const QUERY_ECHO_MAX = 61;
