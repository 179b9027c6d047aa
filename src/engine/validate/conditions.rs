//! Conditions and effects: the variables they name and the types they treat them as, the red
//! flags, choices, nodes and checklist items they refer to.

use super::{Checker, check_ref, check_target};
use crate::engine::diag::{Diagnostic, suggest};
use crate::engine::i18n::msg;
use crate::engine::locate::ValuePath;
use crate::engine::model::*;

fn check_var(c: &mut Checker<'_>, path: &ValuePath<'_>, var: &VarId) -> bool {
    let known = c.s.variables.contains_key(var);
    if !known {
        check_ref(c, path.index(0), || msg!("diag-kind-variable"), var.as_str(), &c.s.variables);
    }
    known
}

/// What treats a variable as a type: a condition, a comparison, an effect or an `Add`.
#[derive(Clone, Copy)]
enum Use {
    Condition,
    Comparison,
    Effect,
    Add,
}

/// A type's name (`Value::type_name`) in the engine's language.
fn type_word(name: &str) -> String {
    match name {
        "bool" => msg!("diag-type-bool"),
        "integer" => msg!("diag-type-integer"),
        "text" => msg!("diag-type-text"),
        other => other.to_owned(),
    }
}

fn check_type(c: &mut Checker<'_>, path: ValuePath<'_>, var: &VarId, expected: &str, what: Use) {
    if let Some(initial) = c.s.variables.get(var)
        && initial.type_name() != expected
    {
        let (expected, actual) = (type_word(expected), type_word(initial.type_name()));
        let message = match what {
            Use::Condition => msg!("diag-type-condition", var = var, expected = expected, actual = actual),
            Use::Comparison => msg!("diag-type-comparison", var = var, expected = expected, actual = actual),
            Use::Effect => msg!("diag-type-effect", var = var, expected = expected, actual = actual),
            Use::Add => msg!("diag-type-add", var = var, expected = expected, actual = actual),
        };
        c.at(path, Diagnostic::error(message));
    }
}

pub(super) fn check_condition(c: &mut Checker<'_>, p: ValuePath<'_>, cond: &Condition) {
    // Nesting is bounded by the parser's recursion limit, so recursion here is safe.
    match cond {
        Condition::Is(var, value) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(1), var, value.type_name(), Use::Condition);
            }
        }
        Condition::AtLeast(var, _) | Condition::AtMost(var, _) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(0), var, "integer", Use::Comparison);
            }
        }
        Condition::Caught(flag) => {
            check_ref(c, p.index(0), || msg!("diag-kind-red-flag"), flag.as_str(), &c.s.red_flags);
        }
        Condition::Visited(node) if c.s.endings.contains_key(node) => c.at(
            p.index(0),
            Diagnostic::error(msg!("diag-visited-ending", node = node)).hint(msg!("diag-visited-ending-hint")),
        ),
        Condition::Visited(node) => check_target(c, p.index(0), node),
        Condition::Chose(choice) => {
            if c.s.choice(choice).is_none() {
                let ids: Vec<&str> = c.s.all_choices().map(|(_, ch)| ch.id.as_str()).collect();
                let hint = suggest(choice.as_str(), ids.iter().copied());
                c.at(p.index(0), Diagnostic::error(msg!("diag-choice-missing", id = choice)).hint(hint));
            }
        }
        Condition::Not(inner) => check_condition(c, p.index(0), inner),
        Condition::Covered(item) => {
            let items = || c.s.nodes.values().filter_map(|n| n.input.as_ref()).flat_map(|i| &i.checklist);
            if !items().any(|i| i.id == *item) {
                let ids: Vec<&str> = items().map(|i| i.id.as_str()).collect();
                let hint = suggest(item.as_str(), ids.iter().copied());
                c.at(p.index(0), Diagnostic::error(msg!("diag-checklist-item-missing", item = item)).hint(hint));
            }
        }
        Condition::HarmDone => {}
        Condition::Spotted(flag) => {
            check_ref(c, p.index(0), || msg!("diag-kind-red-flag"), flag.as_str(), &c.s.red_flags);
        }
        Condition::All(list) | Condition::Any(list) => {
            let items = p.index(0);
            for (i, inner) in list.iter().enumerate() {
                check_condition(c, items.index(i), inner);
            }
        }
    }
}

pub(super) fn check_effect(c: &mut Checker<'_>, p: ValuePath<'_>, effect: &Effect) {
    match effect {
        Effect::Set(var, value) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(1), var, value.type_name(), Use::Effect);
            }
        }
        Effect::Add(var, _) => {
            if check_var(c, &p, var) {
                check_type(c, p.index(0), var, "integer", Use::Add);
            }
        }
    }
}
