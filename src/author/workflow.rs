//! The GitHub Actions workflow `adrsite init` writes: build on every push to the branch, publish
//! to GitHub Pages.
//!
//! Input: [`Workflow`] (the branch, the site folder inside the repository, where adrsite is
//! installed from). Output: the YAML text. The README's "Publish to GitHub Pages" section shows
//! this same file.

/// What the workflow needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workflow {
    /// The branch that publishes.
    pub branch: String,
    /// The site directory relative to the repository root (`.` at the top).
    pub site: String,
    /// The git repository `cargo install` builds adrsite from.
    pub install_from: String,
}

impl Workflow {
    /// The workflow file.
    pub fn yaml(&self) -> String {
        let Workflow { branch, site, install_from } = self;
        let version = env!("CARGO_PKG_VERSION");
        let branch = crate::author::style::yaml_value(branch);
        // `_site` is beside the sources when the site is the repository; a site in a subfolder
        // is built into the top-level `_site` that the upload step expects.
        let out = if site == "." { String::new() } else { " --out _site".to_string() };
        format!(
            r#"# Builds the decision log with adrsite and publishes it to GitHub Pages.
# Written by `adrsite init`; edit it freely. Enable it once in the repository's
# Settings → Pages → Build and deployment → Source: GitHub Actions.
name: Publish decision log

on:
  push:
    branches: [{branch}]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits for the running one instead of cancelling it.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  ADRSITE_REPOSITORY: {install_from}
  ADRSITE_VERSION: "{version}"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          # The whole history: adrsite dates documents and finds stale pages from git.
          fetch-depth: 0
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Cache adrsite
        id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/adrsite
          key: adrsite-${{{{ runner.os }}}}-${{{{ env.ADRSITE_VERSION }}}}
      - name: Install adrsite
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$ADRSITE_REPOSITORY" adrsite
      - name: Build the site
        run: adrsite build {site}{out} --base-url "${{{{ steps.pages.outputs.base_url }}}}" --message-format github
      - name: Upload the site
        uses: actions/upload-pages-artifact@v4
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
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
        let w =
            Workflow { branch: "trunk".into(), site: "docs".into(), install_from: "https://example.org/a.git".into() };
        let yaml: yaml_serde::Value = yaml_serde::from_str(&w.yaml()).unwrap();
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        assert!(uses.iter().any(|u| u.starts_with("actions/configure-pages@")));
        assert!(uses.iter().any(|u| u.starts_with("actions/upload-pages-artifact@")));
        assert_eq!(yaml["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap(), "actions/deploy-pages@v4");
        assert_eq!(yaml["on"]["push"]["branches"][0].as_str(), Some("trunk"));
        let build = steps.iter().find_map(|s| s["run"].as_str().filter(|r| r.starts_with("adrsite build"))).unwrap();
        assert_eq!(
            build,
            "adrsite build docs --out _site --base-url \"${{ steps.pages.outputs.base_url }}\" --message-format github"
        );
    }
}
