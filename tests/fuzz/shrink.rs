//! Shrinking a failing case before it is saved: files put back as the demo
//! has them, then lines and long lines cut away, for as long as the case
//! still fails the same way and the time budget lasts.

use std::time::{Duration, Instant};

use crate::mutate::{Audience, Case, TODAY};

/// The smallest case found within `budget` for which `fails` still holds;
/// with `by_line` false, only whole files are put back (each try of a slow
/// case costs the time bound).
pub fn shrink(
    case: &Case,
    budget: Duration,
    by_line: bool,
    mut fails: impl FnMut(&Case) -> bool,
) -> Case {
    let started = Instant::now();
    let mut best = case.clone();
    let mut try_it = |candidate: Case, best: &mut Case| -> bool {
        if started.elapsed() > budget {
            return false;
        }
        if fails(&candidate) {
            *best = candidate;
            true
        } else {
            false
        }
    };
    let mut simpler = best.clone();
    simpler.audience = Audience::Public;
    simpler.today = TODAY.to_string();
    if simpler.audience != best.audience || simpler.today != best.today {
        try_it(simpler, &mut best);
    }
    let paths: Vec<_> = best.changes.keys().cloned().collect();
    for path in &paths {
        let mut candidate = best.clone();
        candidate.changes.remove(path);
        try_it(candidate, &mut best);
    }
    if !by_line {
        return best;
    }
    let paths: Vec<_> = best
        .changes
        .iter()
        .filter(|(_, c)| c.is_some())
        .map(|(p, _)| p.clone())
        .collect();
    for path in paths {
        let lines = |case: &Case| -> Vec<Vec<u8>> {
            case.changes
                .get(&path)
                .and_then(Option::as_ref)
                .map(|b| {
                    b.split_inclusive(|&c| c == b'\n')
                        .map(<[u8]>::to_vec)
                        .collect()
                })
                .unwrap_or_default()
        };
        let with_lines = |case: &Case, lines: &[Vec<u8>]| -> Case {
            let mut candidate = case.clone();
            candidate.changes.insert(path.clone(), Some(lines.concat()));
            candidate
        };
        let mut chunk = lines(&best).len() / 2;
        while chunk >= 1 {
            let mut i = 0;
            loop {
                let current = lines(&best);
                if i >= current.len() || started.elapsed() > budget {
                    break;
                }
                let mut fewer = current.clone();
                fewer.drain(i..(i + chunk).min(current.len()));
                if !try_it(with_lines(&best, &fewer), &mut best) {
                    i += chunk;
                }
            }
            chunk /= 2;
        }
        let mut i = 0;
        loop {
            let current = lines(&best);
            if i >= current.len() || started.elapsed() > budget {
                break;
            }
            if current[i].len() > 200 {
                let mut shorter = current.clone();
                let keep = current[i].len() / 2;
                shorter[i].truncate(keep);
                shorter[i].push(b'\n');
                if try_it(with_lines(&best, &shorter), &mut best) {
                    continue;
                }
            }
            i += 1;
        }
    }
    best
}
