/**
 * JSON that is safe inside an HTML <script type="application/json"> element: `<` (so no
 * `</script>` or `<!--` can end or bend the element), `>` and `&` are written as \u escapes, as are
 * the line and paragraph separators. JSON.parse reads the result back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
