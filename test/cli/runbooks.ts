// Runbooks shared by the spawned-CLI tests and their in-process counterparts in test/exec/.

/** Step 1 captures the deployed version, step 2 fails until backup.txt exists, step 3 uses the capture. */
export const resumeRunbook = `# Roll Back Web

### 1. Note the deployed version

- **Command:** \`echo run >> step1-count.txt; echo v1.4.0\`
- **Capture:** current-version

### 2. Check the backup

- **Command:** \`cat backup.txt\`

### 3. Roll back

- **Command:** \`echo "rolling back from <current-version>" | tee rolled-back.txt\`
- **Expected Outcome:** \`stdout contains "from v1.4.0"\`
`;

/** Step 2 passes once needed.txt exists. */
export const recordRunbook = `# Record Me

### 1. Prepare

- **Command:** \`touch ran.txt\`
- **Expected Outcome:** \`exit 0\`

### 2. Check

- **Command:** \`test -f needed.txt && echo ready\`
- **Expected Outcome:** \`stdout contains "ready"\`
`;

/** Step 2 sleeps for 30 seconds. */
export const slowRunbook = `# Slow One

### 1. Start

- **Command:** \`echo started\`

### 2. Wait

- **Command:** \`sleep 30\`

### 3. Finish

- **Command:** \`touch finished.txt\`
`;

/** Step 2 holds the run open until the test creates release.txt: no guessing how long is enough. */
export const lockRunbook = `# Hold The Lock

### 1. Count

- **Command:** \`echo run >> count.txt\`

### 2. Wait for the go-ahead

- **Command:** \`for i in $(seq 3000); do test -f release.txt && exit 0; sleep 0.1; done; exit 1\`
`;

/** Step 1 captures a version, step 2 sleeps for 30 seconds, step 3 restarts. */
export const restartRunbook = `# Restart Web

### 1. Note the version

- **Command:** \`echo v1.4.0\`
- **Capture:** current-version

### 2. Drain

- **Command:** \`sleep 30\`

### 3. Restart

- **Command:** \`echo restarted\`
`;

/** Two params (one secret) and a gated step that uses both. */
export const greetRunbook = `---
params:
  who:
    description: whom to greet
  token:
    secret: true
---
# Greet

## 1. Hello

- **Command:** \`echo hello <who>\`

## 2. Log in

- **Confirm:** yes
- **Command:** \`login --token <token> --as <who>\`
`;
