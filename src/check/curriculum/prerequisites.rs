//! E040 and W045: prerequisites form no loop, and no module comes after
//! a module it is a prerequisite of on a path.

use super::*;

/// Reports one cycle per group of modules caught in a prerequisite loop, and
/// returns each module's loop group (`None` for modules on no loop) so the
/// order check does not report the same loop again.
pub(super) fn prerequisite_cycles(program: &Program) -> (Vec<Diagnostic>, Vec<Option<usize>>) {
    let edges: Vec<Vec<usize>> = program
        .modules
        .iter()
        .map(|m| m.prerequisites.iter().map(|(p, _)| p.index()).collect())
        .collect();
    let components = strongly_connected(&edges);
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (module, &component) in components.iter().enumerate() {
        if members.len() <= component {
            members.resize(component + 1, Vec::new());
        }
        members[component].push(module);
    }
    let mut loops = vec![None; edges.len()];
    let mut out = Vec::new();
    for (component, modules) in members.iter().enumerate() {
        let is_loop = modules.len() > 1 || modules.iter().any(|&m| edges[m].contains(&m));
        if !is_loop {
            continue;
        }
        for &m in modules {
            loops[m] = Some(component);
        }
        let Some(&start) = modules
            .iter()
            .min_by_key(|&&m| (&program.modules[m].key, m))
        else {
            continue;
        };
        let cycle = shortest_cycle(&edges, &components, start);
        out.extend(cycle_diagnostic(program, &cycle));
    }
    (out, loops)
}

/// Tarjan's algorithm without recursion: the component of every node.
pub(super) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut calls = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, edge)) = calls.last() {
            if let Some(&w) = edges[v].get(edge) {
                if let Some(call) = calls.last_mut() {
                    call.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The shortest way from `start` back to itself inside its component, as
/// the modules visited, `start` first and last.
pub(super) fn shortest_cycle(
    edges: &[Vec<usize>],
    components: &[usize],
    start: usize,
) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut last = start;
    'search: while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == start {
                last = v;
                break 'search;
            }
            if components[w] == components[start] && !came_from.contains_key(&w) {
                came_from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    let mut cycle = vec![last];
    let mut at = last;
    while let Some(&before) = came_from.get(&at) {
        cycle.push(before);
        at = before;
    }
    cycle.reverse();
    cycle.push(start);
    cycle
}

fn cycle_diagnostic(program: &Program, cycle: &[usize]) -> Option<Diagnostic> {
    let key = |m: usize| program.modules[m].key.as_str();
    let chain: Vec<&str> = cycle.iter().map(|&m| key(m)).collect();
    let mut edges = cycle.windows(2).filter_map(|pair| {
        let (from, to) = (pair[0], pair[1]);
        let (_, pos) = program.modules[from]
            .prerequisites
            .iter()
            .find(|(p, _)| p.index() == to)?;
        Some((
            program.locate(*pos),
            format!("`{}` requires `{}`", key(from), key(to)),
        ))
    });
    let (location, label) = edges.next()?;
    let mut diagnostic = Diagnostic::new(
        Code::PrerequisiteCycle,
        format!("module prerequisites form a cycle: {}", chain.join(" → ")),
    )
    .at(location)
    .label(label)
    .help(
        "a module cannot come before itself: remove the prerequisite in this cycle that \
         learners can do without",
    );
    for (location, note) in edges {
        diagnostic = diagnostic.related(location, note);
    }
    Some(diagnostic)
}

/// A prerequisite must come earlier on every path that lists the module.
/// Prerequisites inside a loop are left to the cycle check.
pub(super) fn prerequisites_later(program: &Program, loops: &[Option<usize>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for path in &program.paths {
        let mut position: HashMap<ModuleId, usize> = HashMap::new();
        for (at, &module) in path.modules.iter().enumerate() {
            position.entry(module).or_insert(at);
        }
        let path_file = program.files.path(path.file);
        for (at, &id) in path.modules.iter().enumerate() {
            if position.get(&id) != Some(&at) {
                continue;
            }
            let module = program.module(id);
            for &(prerequisite, pos) in &module.prerequisites {
                if loops[id.index()].is_some() && loops[id.index()] == loops[prerequisite.index()] {
                    continue;
                }
                let name = &program.module(prerequisite).key;
                let (message, help) = match position.get(&prerequisite) {
                    Some(&before) if before < at => continue,
                    _ if program.gaps.may_hide(Kind::Path, name) => continue,
                    Some(_) => (
                        format!(
                            "module `{}` requires `{name}`, but path `{}` lists `{name}` after it",
                            module.key, path.key
                        ),
                        format!(
                            "move `{name}` before `{}` in `modules:` of `{}`, or drop the \
                             prerequisite",
                            module.key,
                            path_file.display()
                        ),
                    ),
                    None => (
                        format!(
                            "module `{}` requires `{name}`, which is not on path `{}`, so \
                             learners on that path never take it first",
                            module.key, path.key
                        ),
                        format!(
                            "add `{name}` to `modules:` of `{}` before `{}`, or drop the \
                             prerequisite if `{}` can be taken without it",
                            path_file.display(),
                            module.key,
                            module.key
                        ),
                    ),
                };
                out.push(
                    Diagnostic::new(Code::PrerequisiteLater, message)
                        .at(program.locate(pos))
                        .label("this prerequisite")
                        .related(
                            Location::file(path_file),
                            format!("path `{}` lists its modules here", path.key),
                        )
                        .help(help),
                );
            }
        }
    }
    out
}
