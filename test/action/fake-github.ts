// A stand-in for the part of GitHub's REST API the review uses (list an issue's comments a page
// at a time, create one, update one), on localhost, recording every request it answers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { body?: string } | null;
}

export interface FakeGitHub {
  url: string;
  comments: Comment[];
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

/** `repository` `o/r`, pull request `issue`; `refuse` answers writes with 403, as a fork's token is. */
export async function startFakeGitHub(options: { repository: string; issue: number; comments?: Comment[]; refuse?: boolean }): Promise<FakeGitHub> {
  const comments = [...(options.comments ?? [])];
  const requests: RecordedRequest[] = [];
  let nextId = 9000;
  const list = `/repos/${options.repository}/issues/${options.issue}/comments`;
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const body = text === '' ? null : (JSON.parse(text) as { body?: string });
      requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
      const url = new URL(request.url ?? '/', 'http://localhost');
      const send = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (options.refuse && request.method !== 'GET') return send(403, { message: 'Resource not accessible by integration' });
      if (request.method === 'GET' && url.pathname === list) {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        return send(200, comments.slice((page - 1) * perPage, page * perPage));
      }
      if (request.method === 'POST' && url.pathname === list && typeof body?.body === 'string') {
        const created = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
        comments.push(created);
        return send(201, { ...created, html_url: `https://github.example/${options.repository}/pull/${options.issue}#issuecomment-${created.id}` });
      }
      const patch = new RegExp(`^/repos/${options.repository}/issues/comments/(\\d+)$`).exec(url.pathname);
      const existing = patch ? comments.find((c) => c.id === Number(patch[1])) : undefined;
      if (request.method === 'PATCH' && existing && typeof body?.body === 'string') {
        existing.body = body.body;
        return send(200, { ...existing, html_url: `https://github.example/${options.repository}/pull/${options.issue}#issuecomment-${existing.id}` });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, comments, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
