/**
 * Copy-paste CI examples for the deployment gate, shown on the API reference page and in
 * docs/deployment-gate.md (a test keeps both in step and runs the shell part against the gate).
 *
 * The shell step fails closed: curl -f turns any HTTP error (bad token, missing scope, server
 * down) into a failed step, and only an answer with "allow":true passes. The answer is compact
 * JSON whose first member is `allow`, and no value can contain a quote, so no jq is needed.
 */

/** The shell script both examples run; reads AIGOV_URL, AIGOV_TOKEN, AIGOV_SYSTEM, AIGOV_ENVIRONMENT, MODEL_DIGEST. */
export const GATE_SHELL = `answer=$(curl -fsS --retry 3 --get "$AIGOV_URL/api/v1/gate" \\
  -H "Authorization: Bearer $AIGOV_TOKEN" \\
  --data-urlencode "system=$AIGOV_SYSTEM" \\
  --data-urlencode "environment=$AIGOV_ENVIRONMENT" \\
  --data-urlencode "digest=$MODEL_DIGEST")
echo "$answer"
case "$answer" in
  '{"allow":true,'*) echo "Deployment allowed by the AI governance gate." ;;
  *) echo "Deployment refused by the AI governance gate (reasons above)." >&2; exit 1 ;;
esac
`;

const indent = (text: string, spaces: number) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => " ".repeat(spaces) + line)
    .join("\n");

/** A GitHub Actions step (put it before the deploy step). */
export const GITHUB_ACTIONS_STEP = `- name: Ask the AI governance gate
  env:
    AIGOV_URL: \${{ vars.AIGOV_URL }}
    AIGOV_TOKEN: \${{ secrets.AIGOV_GATE_TOKEN }}   # an API token with the gate:read scope
    AIGOV_SYSTEM: support-assistant                   # the system's slug
    AIGOV_ENVIRONMENT: production
    MODEL_DIGEST: sha256:\${{ steps.build.outputs.model_sha256 }}
  shell: bash
  run: |
${indent(GATE_SHELL, 4)}
`;

/** A GitLab CI job (runs in the stage before deploy). */
export const GITLAB_CI_JOB = `ai-governance-gate:
  stage: verify
  image:
    name: curlimages/curl:8.11.1
    entrypoint: [""]
  variables:
    AIGOV_SYSTEM: support-assistant   # the system's slug
    AIGOV_ENVIRONMENT: production
    # AIGOV_URL and AIGOV_TOKEN (gate:read, masked) are CI/CD variables; MODEL_DIGEST comes from the build job.
  script:
    - |
${indent(GATE_SHELL, 6)}
`;
