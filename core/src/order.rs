//! One sort for the whole app. Each `sort_by` on another element type or closure
//! compiles its own copy of the standard library's sort into the wasm (about 3 KB
//! each, issue 23); sorting positions through one comparator object compiles it once.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order).
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` is a permutation of 0..len, so every item is taken exactly once.
    items.extend(order.into_iter().filter_map(|i| taken.get_mut(i).and_then(Option::take)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them, ties by position.
/// Not inlined and not generic: the one copy of the standard sort in the app.
#[inline(never)]
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_their_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_in_reverse_and_natural_order() {
        let mut years = vec![2024, 2019, 2031, 2020];
        sort(&mut years);
        assert_eq!(years, vec![2019, 2020, 2024, 2031]);
        sort_by(&mut years, |a, b| b.cmp(a));
        assert_eq!(years, vec![2031, 2024, 2020, 2019]);
        let mut none: Vec<i32> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
