#!/usr/bin/env node
// The runbook review of a pull request, as the composite action (action.yml) runs it, and as
// anyone can run it locally from the root of a checkout:
//
//   REVIEW_BASE=origin/main node scripts/action/review.mjs
//
// It lints the changed runbooks (annotations on stdout), diffs and plans them, dry-runs each
// into a drill record, writes the review once to the job summary, and posts or updates ONE
// pull-request comment. Every command's failure is caught and shown in the review; the exit
// code is 1 when lint found errors (or a runbook could not be read), or when the changed
// runbooks could not be found at all.
//
// Settings (environment): REVIEW_BASE (git ref; default origin/$GITHUB_BASE_REF),
// REVIEW_RUNBOOKS (globs, one a line; default runbooks/**/*.md), REVIEW_VALUES (shared values
// file; default .github/runbook-review.yaml; `X.review.yaml` beside `X.md` wins),
// REVIEW_OUT (output folder; default $RUNNER_TEMP/runbook-review), REVIEW_COMMENT (false: no
// comment), REVIEW_ARTIFACT (the artifact's name, for the text), REVIEW_CLI (bin/runbook.js to
// run; default this checkout's). GitHub's own: GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY,
// GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChangedRunbooks, ownValuesFile } from './changed-runbooks.mjs';
import { upsertComment } from './github-api.mjs';
import { fitComment, MARKER, renderReview } from './render-review.mjs';

const env = process.env;
const cwd = process.cwd();
const here = dirname(fileURLToPath(import.meta.url));

const base = env.REVIEW_BASE || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
const globs = (env.REVIEW_RUNBOOKS || 'runbooks/**/*.md').split('\n').map((g) => g.trim()).filter((g) => g !== '');
const sharedValues = (env.REVIEW_VALUES ?? '.github/runbook-review.yaml').trim() || null;
const out = env.REVIEW_OUT || join(env.RUNNER_TEMP || tmpdir(), 'runbook-review');
const recordsDir = join(out, 'drill-records');
const artifact = env.REVIEW_ARTIFACT || 'drill-records';
const cli = env.REVIEW_CLI || join(here, '..', '..', 'bin', 'runbook.js');

/**
 * What the runbook commands see: no token, no action inputs, and no step summary or outputs
 * file, so that a dry run does not add a summary of its own next to the review's.
 */
function childEnv() {
  const clean = { ...env, NO_COLOR: '1', CI: env.CI ?? '1' };
  for (const key of Object.keys(clean)) {
    if (/^(REVIEW_|INPUT_|ACTIONS_)/.test(key) || ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'].includes(key)) delete clean[key];
  }
  return clean;
}

/** Runs the CLI; never rejects: a failure to start is a result too. */
function runbook(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', (error) => resolve({ code: null, error: error.message, stdout, stderr }));
    child.on('close', (code, signal) => resolve({ code, error: signal ? `killed by ${signal}` : null, stdout, stderr }));
  });
}

/** An annotation of our own: `%`, CR and LF escaped as the runner requires. */
function annotate(level, message) {
  process.stdout.write(`::${level}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}

/** `runbook diff` of all the runbooks at once; if that fails, one by one, so one bad file costs only its own diff. */
async function diffAll(files) {
  const all = await runbook(['diff', base, ...files, '--format', 'markdown']);
  if (all.code === 0) return { outputs: [all.stdout], failures: [] };
  if (files.length < 2) return { outputs: [], failures: [{ file: files[0] ?? null, result: all }] };
  const diff = { outputs: [], failures: [] };
  for (const file of files) {
    const one = await runbook(['diff', base, file, '--format', 'markdown']);
    if (one.code === 0) diff.outputs.push(one.stdout);
    else diff.failures.push({ file, result: one });
  }
  return diff;
}

async function reviewRunbook(target) {
  const own = ownValuesFile(target.path);
  const vars = existsSync(join(cwd, own)) ? own : sharedValues && existsSync(join(cwd, sharedValues)) ? sharedValues : null;
  const varsArgs = vars ? ['--vars', vars] : [];
  const plan = await runbook(['plan', target.path, '--format', 'markdown', ...varsArgs]);
  // Named by the runbook's whole path: two rollback.md in different folders keep a record each.
  const record = join(recordsDir, target.path.replace(/\.md$/i, '.dry-run.md'));
  const log = record.replace(/\.md$/, '.log');
  mkdirSync(dirname(record), { recursive: true });
  const dry = await runbook(['exec', target.path, '--dry-run', '--record', record, ...varsArgs]);
  writeFileSync(log, `${dry.stdout}${dry.stderr}${dry.error ? `\n${dry.error}\n` : ''}`);
  const shown = (path) => relative(recordsDir, path).split('\\').join('/');
  return { ...target, vars, artifact, plan, dryRun: { code: dry.code, error: dry.error, output: dry.stderr || dry.stdout, record: shown(record), log: shown(log) } };
}

async function main() {
  rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  const review = { base: base || '(no base)', problems: [], runbooks: [], lint: null, diff: null };
  let failed = false;

  let changed = [];
  if (!base) {
    review.problems.push('No base to compare with: set the `base` input (or REVIEW_BASE), e.g. `origin/main`.');
    failed = true;
  } else {
    try {
      changed = findChangedRunbooks({ cwd, base, globs, sharedValues }).runbooks;
    } catch (error) {
      const said = String(error.stderr ?? '').trim().split('\n')[0] || error.message;
      review.problems.push(`The changed runbooks could not be found: git could not compare with ${base} (${said}). The checkout needs the base's history: \`fetch-depth: 0\`.`);
      failed = true;
    }
  }
  const present = changed.filter((r) => r.present).map((r) => r.path);

  if (present.length > 0) {
    review.lint = await runbook(['lint', '--format', 'github', ...present]);
    // The annotations: the runner reads them from this step's output.
    process.stdout.write(review.lint.stdout);
    if (review.lint.stderr) process.stderr.write(review.lint.stderr);
    if (review.lint.code !== 0) failed = true;
  }
  if (changed.length > 0) review.diff = await diffAll(changed.map((r) => r.path));
  for (const r of changed) review.runbooks.push(r.present ? await reviewRunbook(r) : { ...r });

  const body = renderReview(review);
  mkdirSync(out, { recursive: true });
  const reviewFile = join(out, 'review.md');
  writeFileSync(reviewFile, body);
  // The job summary gets the review once, whole (it allows far more than a comment).
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, body);

  const commentUrl = await postComment(body);
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `records-dir=${recordsDir}\nreview-file=${reviewFile}\ncomment-url=${commentUrl ?? ''}\nfailed=${failed}\n`);
  }
  if (failed) process.stderr.write('runbook review: failed (lint errors or a runbook that could not be read or compared); the review says where.\n');
  process.exitCode = failed ? 1 : 0;
}

/** Posts or updates the comment; a failure is a warning, never the job's result. */
async function postComment(body) {
  if (env.REVIEW_COMMENT === 'false') return null;
  let event = {};
  try {
    event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  } catch (error) {
    annotate('warning', `runbook review: could not read the event (${error.message}); no comment posted, the review is in the job summary`);
    return null;
  }
  const pull = event.pull_request;
  if (!pull?.number) {
    annotate('notice', 'runbook review: not a pull request event, so no comment; the review is in the job summary');
    return null;
  }
  // A fork's pull request gets a read-only token: its review stays in the job summary.
  if (pull.head?.repo?.full_name && env.GITHUB_REPOSITORY && pull.head.repo.full_name !== env.GITHUB_REPOSITORY) {
    annotate('notice', 'runbook review: a pull request from a fork has a read-only token, so no comment; the review is in the job summary');
    return null;
  }
  if (!env.GITHUB_TOKEN) {
    annotate('warning', 'runbook review: no token (the github-token input), so no comment; the review is in the job summary');
    return null;
  }
  try {
    const result = await upsertComment({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, issue: pull.number, marker: MARKER, body: fitComment(body) });
    process.stdout.write(`runbook review: comment ${result.action}${result.url ? `: ${result.url}` : ''}\n`);
    return result.url;
  } catch (error) {
    annotate('warning', `runbook review: the comment could not be posted (${error.message}); the review is in the job summary (the job needs \`pull-requests: write\`)`);
    return null;
  }
}

await main();
