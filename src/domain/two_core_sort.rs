//! A stable sort on two cores, for the import's big sorts (issue 16): a
//! 2.8 M-event import spent about 1.2 s of its single-threaded validation
//! in one `sort_by` while the other core waited.

use std::cmp::Ordering;

/// Below this many items one core sorts alone: a thread costs more than it saves.
const ALONE_BELOW: usize = 65_536;

/// Sorts `items` exactly as `items.sort_by(compare)` does, equal items
/// keeping their order: each half on its own core, then the halves merged,
/// the left one's first on a tie.
pub fn sort_by_on_two_cores<T, F>(items: &mut Vec<T>, compare: F)
where
    T: Copy + Send,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    if items.len() < ALONE_BELOW {
        items.sort_by(&compare);
        return;
    }
    let middle = items.len() / 2;
    let (left, right) = items.split_at_mut(middle);
    std::thread::scope(|scope| {
        scope.spawn(|| left.sort_by(&compare));
        right.sort_by(&compare);
    });
    *items = merged(&items[..middle], &items[middle..], &compare);
}

/// Two sorted runs as one, the left run's item first on a tie.
fn merged<T: Copy>(left: &[T], right: &[T], compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (0, 0);
    while l < left.len() && r < right.len() {
        if compare(&right[r], &left[l]) == Ordering::Less {
            out.push(right[r]);
            r += 1;
        } else {
            out.push(left[l]);
            l += 1;
        }
    }
    out.extend_from_slice(&left[l..]);
    out.extend_from_slice(&right[r..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sorted by key only, so that ties show whether the order is kept.
    fn by_key(a: &(u8, u32), b: &(u8, u32)) -> Ordering {
        a.0.cmp(&b.0)
    }

    fn numbered(keys: &[u8]) -> Vec<(u8, u32)> {
        keys.iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect()
    }

    #[test]
    fn a_big_list_with_many_ties_sorts_as_sort_by_does() {
        // Above the threshold, so both cores sort; keys of 0–9 tie often.
        let keys: Vec<u8> = (0..ALONE_BELOW as u64 * 2 + 7)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 10) as u8)
            .collect();
        let mut expected = numbered(&keys);
        expected.sort_by(by_key);
        let mut sorted = numbered(&keys);
        sort_by_on_two_cores(&mut sorted, by_key);
        assert_eq!(sorted, expected);
    }

    proptest! {
        #[test]
        fn two_runs_merge_stably(mut left in proptest::collection::vec(0u8..4, 0..40),
                                 mut right in proptest::collection::vec(0u8..4, 0..40)) {
            left.sort();
            right.sort();
            let left: Vec<(u8, u32)> = left.iter().map(|&k| (k, 0)).collect();
            let right: Vec<(u8, u32)> = right.iter().map(|&k| (k, 1)).collect();
            let mut expected: Vec<(u8, u32)> = left.iter().chain(&right).copied().collect();
            expected.sort_by(by_key);
            prop_assert_eq!(merged(&left, &right, by_key), expected);
        }

        #[test]
        fn any_list_sorts_as_sort_by_does(keys in proptest::collection::vec(0u8..8, 0..300)) {
            let mut expected = numbered(&keys);
            expected.sort_by(by_key);
            let mut sorted = numbered(&keys);
            sort_by_on_two_cores(&mut sorted, by_key);
            prop_assert_eq!(sorted, expected);
        }
    }
}
