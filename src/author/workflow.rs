//! The GitHub Actions workflow `adrsite init` writes: check the decision log on every pull
//! request, build it on every push to the branch and publish it to GitHub Pages, with the
//! adrsite GitHub Action pinned to the release that wrote the file.
//!
//! Input: [`Workflow`] (the branch, the site folder inside the repository, the action). Output:
//! the YAML text. The README's "Publish to GitHub Pages" section shows this same file.

/// What the workflow needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workflow {
    /// The branch that publishes.
    pub branch: String,
    /// The site directory relative to the repository root (`.` at the top).
    pub site: String,
    /// The adrsite action, pinned: `adrsite/adrsite@v0.1.0`.
    pub action: String,
}

/// The action of this release: this package's GitHub repository at its version tag.
pub fn action() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let name = repo.trim_end_matches('/').trim_start_matches("https://github.com/");
    format!("{name}@v{}", env!("CARGO_PKG_VERSION"))
}

/// What to do in the repository's settings before the first push, or its first deployment fails.
pub const ENABLE_PAGES: &str = "Settings → Pages → Build and deployment → Source: GitHub Actions";

impl Workflow {
    /// The workflow file.
    pub fn yaml(&self) -> String {
        let Workflow { branch, site, action } = self;
        let version = env!("CARGO_PKG_VERSION");
        let branch = crate::author::style::yaml_value(branch);
        let site_value = crate::author::style::yaml_value(site);
        format!(
            r#"# Checks the decision log on every pull request; builds it on every push to {branch} and
# publishes it to GitHub Pages. Written by `adrsite init` (adrsite {version}); edit it freely.
#
# Before the first push, enable Pages once, or the first deployment fails:
#   {ENABLE_PAGES}.
name: Decision log

on:
  push:
    branches: [{branch}]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          # The whole history: adrsite dates documents and finds stale pages from git.
          fetch-depth: 0
      - name: Check the decision log
        uses: {action}
        with:
          command: check
          directory: {site_value}
          strict: true
          message-format: github

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Build the site
        uses: {action}
        with:
          command: build
          directory: {site_value}
          out: _site
          base-url: ${{{{ steps.pages.outputs.base_url }}}}
      - name: Upload the site
        uses: actions/upload-pages-artifact@v4
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    # One deployment at a time; a newer push waits for the running one instead of cancelling it.
    concurrency:
      group: pages
      cancel-in-progress: false
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"#
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_is_yaml_with_the_three_pages_actions() {
        let w = Workflow { branch: "trunk".into(), site: "docs".into(), action: action() };
        let yaml: yaml_serde::Value = yaml_serde::from_str(&w.yaml()).unwrap();
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        assert!(uses.iter().any(|u| u.starts_with("actions/configure-pages@")));
        assert!(uses.iter().any(|u| u.starts_with("actions/upload-pages-artifact@")));
        assert_eq!(yaml["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap(), "actions/deploy-pages@v4");
        assert_eq!(yaml["on"]["push"]["branches"][0].as_str(), Some("trunk"));
        let build = steps.iter().find(|s| s["with"]["command"] == "build").unwrap();
        assert_eq!(build["uses"].as_str(), Some(format!("adrsite/adrsite@v{}", env!("CARGO_PKG_VERSION")).as_str()));
        assert_eq!(build["with"]["directory"].as_str(), Some("docs"));
        assert_eq!(build["with"]["base-url"].as_str(), Some("${{ steps.pages.outputs.base_url }}"));
        // Pull requests are checked, strictly, and never deploy.
        let check = &yaml["jobs"]["check"];
        assert_eq!(check["if"].as_str(), Some("github.event_name == 'pull_request'"));
        assert_eq!(check["steps"][1]["with"]["strict"].as_bool(), Some(true));
        assert!(yaml["on"]["pull_request"].is_null() && yaml["on"].get("pull_request").is_some());
    }
}
