/// The GitHub Actions workflow `bedrockctl init` writes to `.github/workflows/bedrockctl.yml`:
/// plan on pull requests, apply the reviewed plan when it is merged. The one source of its text
/// (`examples/.github/workflows/bedrockctl.yml` is this, for the stack `examples`, and a test
/// keeps them the same).
public enum WorkflowTemplate {
    /// Where `init` writes it, relative to the stack's folder.
    public static let path = ".github/workflows/bedrockctl.yml"

    /// The workflow for `stack`; the stack names its concurrency group, its pull-request comment's
    /// marker and its artifact, so that two stacks in one repository keep apart.
    public static func text(stack: String) -> String {
        #"""
        # bedrockctl for the stack \#(stack): plan on pull requests, apply the reviewed plan when it is merged.
        # Written by `bedrockctl init`; GitHub runs it from .github/workflows/ at the repository root.
        #
        # Settings (repository variables: Settings > Secrets and variables > Actions > Variables):
        #   BEDROCKCTL_REPOSITORY  the git URL bedrockctl is built from. There is no published bedrockctl
        #                          binary: the first run builds it from source (swift build, a few
        #                          minutes) and caches the binary under the commit BEDROCKCTL_REF names.
        #   BEDROCKCTL_REF         the tag or commit of bedrockctl to build. Pin it: `apply` refuses a
        #                          plan saved by another bedrockctl version.
        #   BEDROCKCTL_ROLE_ARN    the IAM role to assume through GitHub's OIDC provider; no static keys.
        #                          Its trust policy must accept this repository's pull requests (plan:
        #                          read-only Bedrock, Service Quotas, tagging and STS access suffices)
        #                          and its default branch (apply).
        # Set in the env block below:
        #   MANIFESTS              this stack's manifest folder, relative to the repository root.
        #   AWS_REGION             the stack's region.
        # To pin a setting in this file, reviewed with the code, replace its expression with the value.
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
          BEDROCKCTL_REPOSITORY: ${{ vars.BEDROCKCTL_REPOSITORY }}
          BEDROCKCTL_REF: ${{ vars.BEDROCKCTL_REF }}
          MANIFESTS: .
          AWS_REGION: us-east-1

        jobs:
          bedrockctl:
            runs-on: ubuntu-24.04  # has Swift 6; bedrockctl also needs libyaml
            steps:
              - uses: actions/checkout@v7

              - name: Find the bedrockctl commit to build
                id: source
                run: |
                  if [ -z "$BEDROCKCTL_REPOSITORY" ] || [ -z "$BEDROCKCTL_REF" ]; then
                    echo "::error::set the repository variables BEDROCKCTL_REPOSITORY and BEDROCKCTL_REF"
                    exit 1
                  fi
                  if printf '%s' "$BEDROCKCTL_REF" | grep -Eq '^[0-9a-f]{40}$'; then
                    commit="$BEDROCKCTL_REF"
                  else
                    refs=$(git ls-remote "$BEDROCKCTL_REPOSITORY" "$BEDROCKCTL_REF" "$BEDROCKCTL_REF^{}")
                    commit=$(printf '%s\n' "$refs" | awk '$2 ~ /\^\{\}$/ { print $1; exit }')
                    [ -n "$commit" ] || commit=$(printf '%s\n' "$refs" | awk 'NR == 1 { print $1 }')
                  fi
                  if [ -z "$commit" ]; then
                    echo "::error::$BEDROCKCTL_REF is not a tag, branch or commit of $BEDROCKCTL_REPOSITORY"
                    exit 1
                  fi
                  echo "commit=$commit" >> "$GITHUB_OUTPUT"

              - name: Cache the bedrockctl binary
                id: cache
                uses: actions/cache@v6
                with:
                  path: ~/.local/bin/bedrockctl
                  key: bedrockctl-${{ runner.os }}-${{ runner.arch }}-${{ steps.source.outputs.commit }}

              - name: Install libyaml
                run: |
                  if ! pkg-config --exists yaml-0.1; then
                    sudo apt-get update -qq
                    sudo apt-get install -y -qq libyaml-dev
                  fi

              - name: Build bedrockctl from source
                if: steps.cache.outputs.cache-hit != 'true'
                env:
                  COMMIT: ${{ steps.source.outputs.commit }}
                run: |
                  git init -q "$RUNNER_TEMP/bedrockctl-source"
                  cd "$RUNNER_TEMP/bedrockctl-source"
                  git fetch -q --depth 1 "$BEDROCKCTL_REPOSITORY" "$COMMIT"
                  git checkout -q FETCH_HEAD
                  swift build -c release --static-swift-stdlib --product bedrockctl
                  install -D -m 755 .build/release/bedrockctl ~/.local/bin/bedrockctl

              - name: Put bedrockctl on the PATH
                run: |
                  echo "$HOME/.local/bin" >> "$GITHUB_PATH"
                  "$HOME/.local/bin/bedrockctl" --version

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

              - name: Download the reviewed plan of the merged pull request
                if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
                env:
                  GH_TOKEN: ${{ github.token }}
                run: |
                  api="repos/$GITHUB_REPOSITORY"
                  pr=$(gh api "$api/commits/$GITHUB_SHA/pulls" --jq '[.[] | select(.merged_at)][0].number // empty')
                  if [ -z "$pr" ]; then
                    echo "::error::$GITHUB_SHA is not the merge of a pull request: no reviewed plan to apply"
                    exit 1
                  fi
                  head=$(gh api "$api/pulls/$pr" --jq .head.sha)
                  workflow=$(gh api "$api/actions/runs/$GITHUB_RUN_ID" --jq .workflow_id)
                  runs="$api/actions/workflows/$workflow/runs?event=pull_request&head_sha=$head&status=completed"
                  run=$(gh api "$runs&per_page=1" --jq '.workflow_runs[0] | select(.conclusion == "success") | .id')
                  if [ -z "$run" ]; then
                    echo "::error::the last run of pull request #$pr (at $head) did not succeed: nothing to apply"
                    exit 1
                  fi
                  gh run download "$run" --repo "$GITHUB_REPOSITORY" --dir "$RUNNER_TEMP/reviewed" \
                    --name "bedrockctl-plan-\#(stack)"
                  echo "Applying the plan of pull request #$pr, run $run"

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
