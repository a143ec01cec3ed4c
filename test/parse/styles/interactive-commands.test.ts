// Which commands need a person at a terminal, and which never end by themselves: read from the
// shell parse, through wrappers, each with the fix. A command given what it needs is neither.
import { describe, expect, it } from 'vitest';
import { findNeverEnding, needsTerminal } from '../../../src/parse/styles/interactive-commands.js';
import { loadShellParser } from '../../../src/shell/load-shell-parser.js';

const terminal = (text: string, interactive?: boolean) => needsTerminal({ text, ...(interactive !== undefined && { interactive }) });

describe('commands that need a terminal', () => {
  it('editors, pagers, full-screen programs, `-it` and session openers', async () => {
    await loadShellParser();
    const cases: [string, string][] = [
      ['vi /etc/hosts', 'vi'],
      ['sudo vim /etc/nginx/nginx.conf', 'vim'],
      ['top', 'top'],
      ['less /var/log/syslog', 'less'],
      ['watch kubectl get pods', 'watch'],
      ['kubectl edit deployment/web', 'kubectl edit'],
      ['crontab -e', 'crontab -e'],
      ['git rebase -i HEAD~3', 'git rebase -i'],
      ['kubectl exec -it web-0 -- ls', 'kubectl exec -it'],
      ['docker run -ti alpine ls', 'docker run -it'],
      ['ssh db01', 'ssh'],
      ['mysql -u root -p', 'mysql'],
      ["ssh db01 'vi /etc/hosts'", 'vi'],
    ];
    for (const [text, program] of cases) expect(terminal(text)?.program, text).toBe(program);
  });

  it('the same programs given what they need run without one', async () => {
    await loadShellParser();
    for (const text of ['sed -i s/a/b/ /etc/hosts', 'top -b -n 1', 'kubectl exec web-0 -- ls', "ssh db01 'uptime'", "mysql -e 'SELECT 1'", 'kubectl get pods', 'git rebase main', 'echo vi']) {
      expect(terminal(text), text).toBeUndefined();
    }
  });

  it('Runme\'s interactive attribute decides when given', () => {
    expect(terminal('echo hi', true)?.why).toBe('that Runme marks `interactive=true`');
    expect(terminal('vi /etc/hosts', false)).toBeUndefined();
  });

  it('says on which line of the block the command is', () => {
    expect(terminal('echo start\n\nkubectl edit cm/app')?.line).toBe(2);
  });
});

describe('commands that never end', () => {
  it('follow, watch, forward, ping and capture until stopped', async () => {
    await loadShellParser();
    const cases: [string, string][] = [
      ['tail -f /var/log/app.log', 'tail -f'],
      ['tail -Fn 100 app.log', 'tail -F'],
      ['journalctl -u nginx -f', 'journalctl -f'],
      ['kubectl logs -f deploy/web', 'kubectl logs -f'],
      ['kubectl get pods -w', 'kubectl get -w'],
      ['kubectl port-forward svc/web 8080:80', 'kubectl port-forward'],
      ['docker logs --follow web', 'docker logs --follow'],
      ['ping db01', 'ping'],
      ['sudo tcpdump -i eth0 port 5432', 'tcpdump'],
      ['kubectl get pods | grep web; tail -f x.log', 'tail -f'],
    ];
    for (const [text, program] of cases) expect(findNeverEnding(text)?.program, text).toBe(program);
  });

  it('the same with an end', async () => {
    await loadShellParser();
    for (const text of ['tail -n 100 app.log', 'journalctl -u nginx -n 50 --no-pager', 'kubectl logs --tail=100 deploy/web', 'kubectl get pods', 'ping -c 4 db01', 'tcpdump -c 100 -i eth0', 'docker stats --no-stream', '# tail -f x.log']) {
      expect(findNeverEnding(text), text).toBeUndefined();
    }
  });
});
