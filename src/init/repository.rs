//! The files around the example program that make it a repository: what git
//! ignores, a README for the program's maintainers, and CI that checks every
//! pull or merge request and publishes the public site (GitHub Actions and
//! GitLab CI).

/// Stands for the version of telemachy that wrote the files, so that CI
/// installs the release that made the program.
pub const VERSION_MARK: &str = "@TELEMACHY_VERSION@";

/// The repository's files, by path; [`VERSION_MARK`] is replaced when they
/// are written.
pub const FILES: &[(&str, &str)] = &[
    (".gitignore", include_str!("repository/gitignore")),
    ("README.md", include_str!("repository/README.md")),
    (
        ".github/workflows/program.yml",
        include_str!("repository/github-workflow.yml"),
    ),
    (".gitlab-ci.yml", include_str!("repository/gitlab-ci.yml")),
];
