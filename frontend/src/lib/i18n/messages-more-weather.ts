// Strings of one area; `frMoreWeather` is typed against `enMoreWeather`, so a missing translation fails the typecheck.
export const enMoreWeather = {};

export const frMoreWeather: Record<keyof typeof enMoreWeather, string> = {};
