//! Key tables: each kind of record's ids, looked up from references.

use super::*;

/// A key table for one kind of record: key → index, with records that were
/// left out remembered so references to them stay quiet.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) kind: Kind,
    pub(super) map: HashMap<String, Option<u32>>,
    pub(super) order: Vec<String>,
}

impl Table {
    fn empty(kind: Kind) -> Table {
        Table {
            kind,
            map: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Registers spanned ids, reporting bad and duplicate ones.
    pub(super) fn build<'a>(
        cx: &mut Cx,
        kind: Kind,
        ids: impl Iterator<Item = (FileId, &'a Sp<String>)>,
    ) -> Table {
        let noun = kind.noun();
        let mut table = Table::empty(kind);
        let mut first: HashMap<String, crate::diagnostic::Location> = HashMap::new();
        for (index, (file, id)) in ids.enumerate() {
            cx.id(file, id);
            let at = cx.loc(file, id);
            if let Some(earlier) = first.get(&id.value) {
                cx.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!("two {noun}s have the id `{}`", id.value),
                    )
                    .at(at)
                    .label("second use")
                    .related(earlier.clone(), "first defined here")
                    .help(format!("give each {noun} its own id")),
                );
                table.order.push(String::new());
                continue;
            }
            first.insert(id.value.clone(), at);
            table.map.insert(id.value.clone(), Some(index as u32));
            table.order.push(id.value.clone());
        }
        table
    }

    /// Registers ids taken from file names (modules, paths, pages).
    pub(super) fn build_plain<'a>(
        cx: &mut Cx,
        kind: Kind,
        ids: impl Iterator<Item = (FileId, &'a str)>,
    ) -> Table {
        let noun = kind.noun();
        let mut table = Table::empty(kind);
        let mut first: HashMap<&str, FileId> = HashMap::new();
        for (index, (file, id)) in ids.enumerate() {
            if !valid_id(id) {
                cx.push(bad_id(cx.files.whole(file), id));
            }
            if let Some(earlier) = first.get(id) {
                cx.push(
                    Diagnostic::new(Code::DuplicateId, format!("two {noun}s have the id `{id}`"))
                        .at(cx.files.whole(file))
                        .related(cx.files.whole(*earlier), "first defined here")
                        .help(format!(
                            "{noun} ids come from file names: rename one of the files"
                        )),
                );
                table.order.push(String::new());
                continue;
            }
            first.insert(id, file);
            table.map.insert(id.to_string(), Some(index as u32));
            table.order.push(id.to_string());
        }
        table
    }

    /// A table of keys that were checked already, by index.
    pub(super) fn of<'a>(kind: Kind, keys: impl Iterator<Item = &'a str>) -> Table {
        let order: Vec<String> = keys.map(str::to_string).collect();
        let map = order
            .iter()
            .enumerate()
            .map(|(index, key)| (key.clone(), Some(index as u32)))
            .collect();
        Table { kind, map, order }
    }

    /// Sets the final index of a key (or marks it left out).
    pub(super) fn settle(&mut self, key: &str, index: Option<u32>) {
        if let Some(slot) = self.map.get_mut(key) {
            *slot = index;
        }
    }

    /// Marks the record at raw position `index` as left out.
    pub(super) fn settle_index(&mut self, index: usize, value: Option<u32>) {
        if let Some(key) = self.order.get(index).cloned().filter(|k| !k.is_empty()) {
            self.settle(&key, value);
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<u32> {
        self.map.get(key).copied().flatten()
    }

    /// The keys of the records, in order.
    pub(super) fn known(&self) -> impl Iterator<Item = &str> {
        self.order
            .iter()
            .filter(|k| !k.is_empty())
            .map(String::as_str)
    }

    /// Resolves a reference. A key of a record left out, or one that may be
    /// in a file that failed to load, is left out quietly; any other unknown
    /// key is reported, with the closest known one.
    pub(super) fn find(&self, cx: &mut Cx, file: FileId, key: &Sp<String>) -> Option<u32> {
        match self.map.get(&key.value) {
            Some(Some(index)) => Some(*index),
            Some(None) => {
                cx.drop_value([key.value.clone()]);
                None
            }
            None if cx.gaps.may_hide(self.kind, &key.value) => {
                cx.drop_value([key.value.clone()]);
                None
            }
            None => {
                let known: Vec<&str> = self.known().collect();
                let best = crate::text::suggest(&key.value, &known);
                let noun = self.kind.noun();
                cx.push(unresolved(
                    cx.loc(file, key),
                    noun,
                    &key.value,
                    &known,
                    best,
                ));
                // What the typo was meant to name may be missing things now.
                let meant = best.map(str::to_string);
                cx.drop_value(std::iter::once(key.value.clone()).chain(meant));
                None
            }
        }
    }
}

/// Looks up handoff owners and facilitators: a role, a mentor, or `mentor`.
pub(super) struct Owners<'a> {
    pub(super) roles: &'a Table,
    pub(super) mentors: &'a Table,
}

impl Owners<'_> {
    pub(super) fn find(
        &self,
        cx: &mut Cx,
        file: FileId,
        key: &Sp<String>,
        allow_learners_mentor: bool,
    ) -> Option<Owner> {
        if allow_learners_mentor && key.value == "mentor" {
            return Some(Owner::LearnersMentor);
        }
        if let Some(role) = self.roles.get(&key.value) {
            return Some(Owner::Role(RoleId(role)));
        }
        if let Some(mentor) = self.mentors.get(&key.value) {
            return Some(Owner::Mentor(MentorId(mentor)));
        }
        let left_out = self.mentors.map.contains_key(&key.value)
            || cx.gaps.may_hide(Kind::Role, &key.value)
            || cx.gaps.may_hide(Kind::Mentor, &key.value);
        if left_out {
            cx.drop_value([key.value.clone()]);
            return None;
        }
        let mut known: Vec<&str> = self.roles.known().chain(self.mentors.known()).collect();
        if allow_learners_mentor {
            known.push("mentor");
        }
        let best = crate::text::suggest(&key.value, &known);
        cx.push(unresolved(
            cx.loc(file, key),
            "role or mentor",
            &key.value,
            &known,
            best,
        ));
        cx.drop_value(std::iter::once(key.value.clone()).chain(best.map(str::to_string)));
        None
    }
}
