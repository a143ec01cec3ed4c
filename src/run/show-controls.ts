// Step output shown on a terminal is text to read, never instructions for the terminal: an escape
// sequence in it could move the cursor, clear the screen or fake a line of ours. Control
// characters become their visible pictures (U+2400…): ESC → ␛, CR → ␍, BEL → ␇, DEL → ␡; the
// 8-bit controls (U+0080–U+009F, CSI among them) are written as `\x9b`. Tabs stay tabs.

const controls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function showControls(text: string): string {
  return text.replace(controls, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\x${code.toString(16)}`;
  });
}
