// Imported relatively by app.mjs, so it resolves under whatever token app.mjs came from.
export const greeting = "r2";
