// Written by vite-country-flags.ts at build time.
declare module 'virtual:country-flags' {
  /** The folder holding <CODE>.svg for each flag, with the app's base and a trailing slash. */
  export const FLAG_FOLDER: string;
  /** The two-letter codes with a flag, upper case, separated by spaces. */
  export const FLAG_CODES: string;
}
