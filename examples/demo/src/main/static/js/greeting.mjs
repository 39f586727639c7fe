// Imported by app.mjs through a relative URL, so it is fetched under the same token.
export function greeting(token) {
  return `JavaScript modules loaded under token ${token}.`;
}
