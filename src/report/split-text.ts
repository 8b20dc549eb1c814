/**
 * Cuts a long text into pieces of at most `size` UTF-16 units, never between the two halves of a
 * surrogate pair (a lone half would not survive being written as UTF-8). Joined, the pieces give the
 * text back. The page carries its big JSON in such pieces: the HTML parser can pause between
 * elements, but not inside one, so many small elements keep the page responsive while it loads.
 */
export function splitText(text: string, size: number): string[] {
  if (size < 2) throw new Error("splitText needs a size of at least 2");
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
