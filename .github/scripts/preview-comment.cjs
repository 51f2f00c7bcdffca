// The one comment the preview workflow keeps on a pull request: written once, then edited in place.
// Used by pr-preview.yml through actions/github-script, from the default branch's checkout.
const MARKER = "<!-- policy-reader-preview -->";

module.exports = async function previewComment({ github, context }, issueNumber, text) {
  const { owner, repo } = context.repo;
  const body = `${MARKER}\n${text}`;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner, repo, issue_number: issueNumber, per_page: 100,
  });
  const mine = comments.find((c) => c.user.type === "Bot" && c.body.startsWith(MARKER));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  }
};
