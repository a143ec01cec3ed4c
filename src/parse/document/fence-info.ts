// A fence's info string: its language and Runme-style attributes.

export interface FenceInfo {
  lang: string | undefined;
  attributes: Record<string, string>;
}

/**
 * Splits an info string into its language and Runme-style `{name=x excludeFromRunAll=true}`
 * attributes. Runme also allows the braces with no language, and quoted values.
 */
export function readFenceInfo(lang: string | null | undefined, meta: string | null | undefined): FenceInfo {
  let info = `${lang ?? ''} ${meta ?? ''}`.trim();
  const attributes: Record<string, string> = {};
  const braces = /\{([^}]*)\}/.exec(info);
  if (braces) {
    const body = braces[1] ?? '';
    // Runme writes attributes as JSON (`{"name":"x","excludeFromRunAll":"true"}`) or as
    // `key=value` pairs; both are read.
    const json = readJsonAttributes(braces[0]);
    if (json) Object.assign(attributes, json);
    else for (const match of body.matchAll(/([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,]+)/g)) {
      const raw = match[2] ?? '';
      attributes[match[1] ?? ''] = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    }
    info = (info.slice(0, braces.index) + info.slice(braces.index + braces[0].length)).trim();
  }
  const word = info.split(/\s+/)[0];
  return { lang: word ? word.toLowerCase() : undefined, attributes };
}

function readJsonAttributes(text: string): Record<string, string> | undefined {
  if (!text.includes('"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  } catch {
    return undefined;
  }
}
