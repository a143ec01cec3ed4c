// `deployment-name` → `RUNBOOK_DEPLOYMENT_NAME`: the environment variable that can give a value.

export function paramEnvName(name: string): string {
  return `RUNBOOK_${name.toUpperCase().replace(/[-. ]/g, '_')}`;
}
