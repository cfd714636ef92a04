//! The regression corpus: every input that ever failed, saved as the files
//! it changed in the demo program (`files/`, at their paths in the
//! program) and a `case.json` saying what failed, for whom and as of when.
//! Every run replays all of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::mutate::{Audience, Case};
use crate::run::Verdict;

/// `case.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    /// What went wrong when the case was found.
    pub failure: String,
    /// The failure's signature (`panic at FILE:LINE:COL`, `slow`, …).
    pub signature: String,
    /// `public`, `public-with-secret` or `staff`.
    pub audience: String,
    /// `--today`.
    pub today: String,
    /// Files of the demo program the case removes.
    #[serde(default)]
    pub removed: Vec<PathBuf>,
    /// What the mutator did, before shrinking.
    #[serde(default)]
    pub mutations: Vec<String>,
    /// The time bound of this case, when it is not the run's (a slow case
    /// keeps the bound it broke, and may be made smaller by hand with a
    /// tighter one so that replaying it stays quick).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_seconds: Option<f64>,
    /// The seed and case number that found it.
    #[serde(default)]
    pub found_with: String,
    /// Set while the failure is not fixed yet: why, and where the fix
    /// belongs. The case must still fail; once it passes, remove this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_failing: Option<String>,
}

/// The corpus directory of the repository.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions")
}

/// Every saved case, by name.
pub fn list() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.join("case.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    cases
}

/// Reads a saved case.
pub fn load(case_dir: &Path) -> Result<(Case, Record), String> {
    let json = std::fs::read_to_string(case_dir.join("case.json"))
        .map_err(|e| format!("{}: {e}", case_dir.display()))?;
    let record: Record =
        serde_json::from_str(&json).map_err(|e| format!("{}: {e}", case_dir.display()))?;
    let audience = Audience::from_name(&record.audience).ok_or_else(|| {
        format!(
            "{}: unknown audience {}",
            case_dir.display(),
            record.audience
        )
    })?;
    let mut changes = BTreeMap::new();
    let files = case_dir.join("files");
    collect(&files, &files, &mut changes)?;
    for path in &record.removed {
        changes.insert(path.clone(), None);
    }
    let case = Case {
        changes,
        audience,
        today: record.today.clone(),
        log: record.mutations.clone(),
    };
    Ok((case, record))
}

fn collect(
    base: &Path,
    dir: &Path,
    changes: &mut BTreeMap<PathBuf, Option<Vec<u8>>>,
) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, changes)?;
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let relative = path
            .strip_prefix(base)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        changes.insert(relative.to_path_buf(), Some(bytes));
    }
    Ok(())
}

impl Record {
    /// A record of `case` that says nothing of a failure yet.
    pub fn of(case: &Case) -> Record {
        Record {
            failure: String::new(),
            signature: String::new(),
            audience: case.audience.name().into(),
            today: case.today.clone(),
            removed: case
                .changes
                .iter()
                .filter(|(_, c)| c.is_none())
                .map(|(p, _)| p.clone())
                .collect(),
            mutations: case.log.clone(),
            bound_seconds: None,
            found_with: String::new(),
            known_failing: None,
        }
    }
}

/// Saves a failing case in the corpus under a name made of its failure
/// kind and a hash of its contents; returns its directory.
pub fn save(
    case: &Case,
    verdict: &Verdict,
    bound: Duration,
    found_with: &str,
) -> Result<PathBuf, String> {
    let kind = match verdict {
        Verdict::Panic { .. } => "panic",
        Verdict::Slow(_) => "slow",
        Verdict::RejectedLate(_) => "rejected-late",
        Verdict::Crash(_) => "crash",
        Verdict::Exit(_) => "exit",
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, change) in &case.changes {
        let bytes = path
            .to_string_lossy()
            .into_owned()
            .into_bytes()
            .into_iter()
            .chain(change.iter().flatten().copied());
        for b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let case_dir = dir().join(format!("{kind}-{:08x}", hash as u32));
    let record = Record {
        failure: verdict.describe(),
        signature: verdict.signature(),
        bound_seconds: matches!(verdict, Verdict::Slow(_)).then(|| bound.as_secs_f64()),
        found_with: found_with.into(),
        ..Record::of(case)
    };
    write(&case_dir, case, &record)?;
    Ok(case_dir)
}

/// Writes a case and its record into `case_dir`.
pub fn write(case_dir: &Path, case: &Case, record: &Record) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: {e}", case_dir.display());
    std::fs::create_dir_all(case_dir).map_err(io)?;
    for (path, change) in &case.changes {
        if let Some(bytes) = change {
            let target = case_dir.join("files").join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            std::fs::write(&target, bytes).map_err(io)?;
        }
    }
    let json = serde_json::to_string_pretty(record).map_err(|e| e.to_string())?;
    std::fs::write(case_dir.join("case.json"), json + "\n").map_err(io)
}
