//! The Agenda 2030 goals and the numbering of their 169 targets.

/// For goals 1 to 17: how many numbered targets (`5.1` … `5.6`) and how many lettered ones,
/// the means of implementation (`5.a` … `5.c`). Goal 17 has only numbered targets.
const TARGETS: [(u8, u8); 17] = [
    (5, 2),
    (5, 3),
    (9, 4),
    (7, 3),
    (6, 3),
    (6, 2),
    (3, 2),
    (10, 2),
    (5, 3),
    (7, 3),
    (7, 3),
    (8, 3),
    (3, 2),
    (7, 3),
    (9, 3),
    (10, 2),
    (19, 0),
];

/// Whether `target` (such as `5.2` or `5.a`) is a target of `goal`.
pub fn is_target_of(goal: u8, target: &str) -> bool {
    let Some((numbered, lettered)) = TARGETS.get(usize::from(goal).wrapping_sub(1)) else {
        return false;
    };
    let Some((g, t)) = target.split_once('.') else {
        return false;
    };
    if g != goal.to_string() {
        return false;
    }
    match t.as_bytes() {
        [c @ b'a'..=b'z'] => c - b'a' < *lettered,
        [b'1'..=b'9'] | [b'1'..=b'9', b'0'..=b'9'] => {
            t.parse::<u8>().is_ok_and(|n| (1..=*numbered).contains(&n))
        }
        _ => false,
    }
}

/// The goal a target's number names (`3` for `3.4`), if it names one of the 17.
pub fn goal_of(target: &str) -> Option<u8> {
    let goal: u8 = target.split_once('.')?.0.parse().ok()?;
    (1..=17).contains(&goal).then_some(goal)
}

/// The targets of `goal` in words: "5.1–5.6 and 5.a–5.c".
pub fn describe_targets(goal: u8) -> crate::l10n::Message {
    use crate::msg;
    let Some((numbered, lettered)) = TARGETS.get(usize::from(goal).wrapping_sub(1)) else {
        return msg!("targets-none");
    };
    let numbered = format!("{goal}.1–{goal}.{numbered}");
    if *lettered > 0 {
        let last = char::from(b'a' + lettered - 1);
        let lettered = format!("{goal}.a–{goal}.{last}");
        msg!("targets-numbered-lettered", numbered, lettered)
    } else {
        msg!("targets-numbered", numbered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_169_targets() {
        let count: u32 = TARGETS
            .iter()
            .map(|(n, l)| u32::from(*n) + u32::from(*l))
            .sum();
        assert_eq!(count, 169);
    }

    #[test]
    fn knows_real_targets() {
        assert!(is_target_of(5, "5.2"));
        assert!(is_target_of(5, "5.c"));
        assert!(!is_target_of(5, "5.d"));
        assert!(!is_target_of(5, "5.7"));
        assert!(is_target_of(8, "8.10"));
        assert!(!is_target_of(8, "8.11"));
        assert!(is_target_of(17, "17.19"));
        assert!(!is_target_of(17, "17.a"));
        assert!(!is_target_of(5, "3.4"));
        assert!(!is_target_of(5, "5.02"));
        assert!(!is_target_of(5, "5."));
        assert!(!is_target_of(5, "5.0"));
        assert!(!is_target_of(18, "18.1"));
        assert_eq!(goal_of("3.4"), Some(3));
        assert_eq!(goal_of("18.1"), None);
        assert_eq!(describe_targets(5).to_string(), "5.1–5.6 and 5.a–5.c");
        assert_eq!(describe_targets(17).to_string(), "17.1–17.19");
    }
}
