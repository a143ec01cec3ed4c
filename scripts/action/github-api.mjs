// The one pull-request comment of the review: found by its hidden marker among the comments,
// updated when it exists, created otherwise. Plain REST calls with Node's fetch, against
// GITHUB_API_URL (GitHub Enterprise has its own), so nothing is installed for them.

/**
 * @param {{ apiUrl: string, token: string, repository: string, issue: number, marker: string, body: string }} options
 * @returns {Promise<{ action: 'created' | 'updated', id: number, url: string | null }>}
 */
export async function upsertComment({ apiUrl, token, repository, issue, marker, body }) {
  const call = async (method, path, payload) => {
    const response = await fetch(`${apiUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'runbook-review',
        'x-github-api-version': '2022-11-28',
      },
      ...(payload !== undefined && { body: JSON.stringify(payload) }),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`${method} ${path}: ${response.status} ${response.statusText}${message ? ` (${String(message).slice(0, 200)})` : ''}`);
    }
    return response.json();
  };

  const comments = `/repos/${repository}/issues/${issue}/comments`;
  let previous;
  for (let page = 1; previous === undefined; page++) {
    const batch = await call('GET', `${comments}?per_page=100&page=${page}`);
    if (!Array.isArray(batch)) throw new Error(`GET ${comments}: expected a list of comments`);
    previous = batch.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
    if (batch.length < 100) break;
  }
  if (previous) {
    const updated = await call('PATCH', `/repos/${repository}/issues/comments/${previous.id}`, { body });
    return { action: 'updated', id: updated.id ?? previous.id, url: updated.html_url ?? null };
  }
  const created = await call('POST', comments, { body });
  return { action: 'created', id: created.id, url: created.html_url ?? null };
}
