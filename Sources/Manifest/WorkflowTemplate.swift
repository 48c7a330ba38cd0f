/// The GitHub Actions workflow `bedrockctl init` writes to `.github/workflows/bedrockctl.yml`:
/// plan on pull requests, apply the reviewed plan when it is merged. The one source of its text
/// (`examples/.github/workflows/bedrockctl.yml` is this, for the stack `examples`, and a test
/// keeps them the same).
public enum WorkflowTemplate {
    /// Where `init` writes it, relative to the stack's folder.
    public static let path = ".github/workflows/bedrockctl.yml"

    /// The GitHub Action that installs bedrockctl, as `uses:` names it: the project's own
    /// repository at the release tag of this bedrockctl. `init --action` names another copy (a fork).
    public static let defaultAction = "bedrockctl/bedrockctl@v\(BedrockctlVersion.current)"

    /// Whether `text` is a reference `uses:` takes for an action in another repository:
    /// `OWNER/REPO[/PATH]@REF`, with no space, quote or expression that would break the line.
    public static func isActionReference(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        let path = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        func plain(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy(allowed.contains) }
        return path.count >= 2 && path.allSatisfy(plain)
            && parts[1].split(separator: "/", omittingEmptySubsequences: false).allSatisfy(plain)
    }

    /// The workflow for `stack`; the stack names its concurrency group, its pull-request comment's
    /// marker and its artifact, so that two stacks in one repository keep apart. `action` installs
    /// bedrockctl `version` (the version that wrote the workflow: apply refuses a plan saved by
    /// another).
    public static func text(
        stack: String, action: String = defaultAction, version: String = BedrockctlVersion.current
    ) -> String {
        #"""
        # bedrockctl for the stack \#(stack): plan on pull requests, apply the reviewed plan when it is merged.
        # Written by `bedrockctl init`; GitHub runs it from .github/workflows/ at the repository root.
        #
        # Settings (repository variables: Settings > Secrets and variables > Actions > Variables):
        #   BEDROCKCTL_ROLE_ARN    the IAM role to assume through GitHub's OIDC provider; no static keys.
        #                          Its trust policy must accept this repository's pull requests (plan:
        #                          read-only Bedrock, Service Quotas, tagging and STS access suffices)
        #                          and its default branch (apply).
        # Set in the env block below:
        #   MANIFESTS              this stack's manifest folder, relative to the repository root.
        #   AWS_REGION             the stack's region.
        # bedrockctl is installed by its GitHub Action from a release archive, verified against the
        # release's SHA256SUMS and cached by version. Upgrade the action's tag and `version` together:
        # `apply` refuses a plan saved by another bedrockctl version.
        #
        # On a pull request: validate (annotations on the diff), plan, post the Markdown plan as one
        # comment that later pushes update, and keep the saved plan as an artifact. On a push to the
        # default branch (the merge): download the saved plan of the merged pull request's last run
        # and apply exactly that plan. Pull requests from forks get no OIDC token: plan them from a
        # branch of this repository.
        name: bedrockctl (\#(stack))

        on:
          pull_request:
          push:
            branches: [main]  # the default branch

        permissions:
          contents: read
          id-token: write  # GitHub OIDC, for aws-actions/configure-aws-credentials
          pull-requests: write  # the plan comment
          actions: read  # the merged pull request's plan artifact

        # One run at a time for this stack, and none cancelled: a plan waits for a running apply.
        # GitHub keeps one waiting run per group; a newer one replaces it.
        concurrency:
          group: bedrockctl-\#(stack)
          cancel-in-progress: false

        env:
          MANIFESTS: .
          AWS_REGION: us-east-1

        jobs:
          bedrockctl:
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout@v7
                with:
                  persist-credentials: false  # no token left in .git/config while bedrockctl runs

              - name: Install bedrockctl
                id: bedrockctl
                uses: \#(action)
                with:
                  version: \#(version)

              - name: Validate the manifests
                run: bedrockctl validate --format github "$MANIFESTS"

              - name: AWS credentials from GitHub OIDC
                uses: aws-actions/configure-aws-credentials@v6
                with:
                  role-to-assume: ${{ vars.BEDROCKCTL_ROLE_ARN }}
                  role-session-name: bedrockctl
                  aws-region: ${{ env.AWS_REGION }}

              # Exit status 0 (no changes) and 2 (changes) are plans to review; 1 (an error, or a plan
              # apply would refuse: blocked by a commitment, a quota or a missing flag) fails the check
              # once the comment is posted.
              - name: Plan
                id: plan
                if: github.event_name == 'pull_request'
                run: |
                  set +e
                  bedrockctl plan "$MANIFESTS" --format markdown --detailed-exitcode \
                    --out "$RUNNER_TEMP/bedrockctl-plan.json" > "$RUNNER_TEMP/bedrockctl-plan.md"
                  echo "exitcode=$?" >> "$GITHUB_OUTPUT"
                  cat "$RUNNER_TEMP/bedrockctl-plan.md"

              - name: Comment the plan on the pull request
                if: github.event_name == 'pull_request'
                uses: actions/github-script@v9
                env:
                  EXITCODE: ${{ steps.plan.outputs.exitcode }}
                with:
                  script: |
                    const fs = require('fs');
                    const marker = '<!-- bedrockctl-plan:\#(stack) -->';
                    const file = `${process.env.RUNNER_TEMP}/bedrockctl-plan.md`;
                    let plan = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
                    if (plan.trim() === '') {
                      plan = `bedrockctl plan failed (exit status ${process.env.EXITCODE}): see the run's log.`;
                    }
                    const limit = 60000;
                    if (plan.length > limit) {
                      plan = plan.slice(0, limit) + '\n\n(cut here: the whole plan is in the run log)';
                    }
                    const { owner, repo } = context.repo;
                    const run = `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
                    const head = context.payload.pull_request.head.sha;
                    const body = `${marker}\n${plan}\n\nPlanned at ${head} in [run ${context.runId}](${run}); `
                      + 'merging applies exactly this plan, unless something changed since.';
                    const comments = await github.paginate(github.rest.issues.listComments, {
                      owner, repo, issue_number: context.issue.number, per_page: 100,
                    });
                    const earlier = comments.find((c) => c.user.type === 'Bot' && c.body.includes(marker));
                    if (earlier) {
                      await github.rest.issues.updateComment({ owner, repo, comment_id: earlier.id, body });
                    } else {
                      const issue_number = context.issue.number;
                      await github.rest.issues.createComment({ owner, repo, issue_number, body });
                    }

              - name: Keep the saved plan
                if: github.event_name == 'pull_request'
                uses: actions/upload-artifact@v7
                with:
                  name: bedrockctl-plan-\#(stack)
                  path: ${{ runner.temp }}/bedrockctl-plan.json
                  if-no-files-found: error

              - name: Fail when the plan cannot be applied
                if: github.event_name == 'pull_request' && steps.plan.outputs.exitcode == '1'
                run: |
                  echo "::error::bedrockctl plan exited 1: an error, or a plan apply would refuse"
                  exit 1

              - name: Find the reviewed plan of the merged pull request
                id: reviewed
                if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
                uses: actions/github-script@v9
                with:
                  script: |
                    const { owner, repo } = context.repo;
                    const { data: pulls } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
                      owner, repo, commit_sha: context.sha,
                    });
                    const pull = pulls.find((p) => p.merged_at);
                    if (!pull) {
                      core.setFailed(`${context.sha} is not the merge of a pull request: no reviewed plan to apply`);
                      return;
                    }
                    const { data: current } = await github.rest.actions.getWorkflowRun({
                      owner, repo, run_id: context.runId,
                    });
                    const { data: runs } = await github.rest.actions.listWorkflowRuns({
                      owner, repo, workflow_id: current.workflow_id, event: 'pull_request',
                      head_sha: pull.head.sha, status: 'completed', per_page: 1,
                    });
                    const last = runs.workflow_runs[0];
                    if (!last || last.conclusion !== 'success') {
                      core.setFailed(`the last run of pull request #${pull.number} (at ${pull.head.sha}) `
                        + 'did not succeed: nothing to apply');
                      return;
                    }
                    core.setOutput('run-id', String(last.id));
                    core.info(`Applying the plan of pull request #${pull.number}, run ${last.id}`);

              - name: Download the reviewed plan
                if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
                uses: actions/download-artifact@v7
                with:
                  name: bedrockctl-plan-\#(stack)
                  path: ${{ runner.temp }}/reviewed
                  run-id: ${{ steps.reviewed.outputs.run-id }}
                  github-token: ${{ github.token }}

              # `bedrockctl apply FILE` applies exactly the saved plan and refuses a stale one itself
              # (Sources/Reconciler/SavedPlanCheck.swift): a plan made by another bedrockctl version,
              # against another account, region or endpoint, from manifest files that changed since
              # (each named), or over live state that changed since. Nothing is applied then and this
              # step fails: open a pull request to plan again. Both runs check out to the same
              # $GITHUB_WORKSPACE, the absolute paths the saved plan names its manifests by.
              - name: Apply the reviewed plan
                if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
                run: bedrockctl apply "$RUNNER_TEMP/reviewed/bedrockctl-plan.json" --auto-approve

        """#
    }
}
