//! Japanese fiscal years (1 April – 31 March) and the era form they are shown in.

/// Years a fiscal year or a projection year may name (re-exported as
/// [`crate::limits::REPORT_YEARS`]); year arithmetic never overflows inside these.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The first fiscal year the form knows: 令和元年度 (April 2019).
pub const FIRST_FISCAL_YEAR: i32 = 2019;

/// The fiscal year (its Gregorian start year) that contains the given month.
/// Saturating: imports bound years (see [`crate::limits`]), but a report built in memory is not checked.
pub fn fiscal_year_of(year: i32, month: u8) -> i32 {
    if month >= 4 {
        year
    } else {
        year.saturating_sub(1)
    }
}

/// The 令和 year of a Gregorian year (2019 = 1); 0 or less before 令和. Saturating, as above.
fn reiwa(year: i32) -> i32 {
    year.saturating_sub(2018)
}

/// ASCII digits to full-width ones, as the form writes era years (令和４年度).
fn full_width_digits(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c))
        .collect()
}

/// 「令和４年度」; year 1 is 「令和元年度」. Years before 令和 are shown in the Western form.
pub fn era_fiscal_year(start_year: i32) -> String {
    match reiwa(start_year) {
        1 => "令和元年度".to_owned(),
        n if n > 1 => format!("令和{}年度", full_width_digits(n)),
        _ => format!("{}年度", start_year),
    }
}

/// 「R4」, as in file names and 「（R5.3 見込み）」.
pub fn era_short_year(year: i32) -> String {
    format!("R{}", reiwa(year))
}

/// The months a projection may name for a fiscal year: April of its start year to the March that ends it.
pub fn fiscal_year_contains(start_year: i32, year: i32, month: u8) -> bool {
    (1..=12).contains(&month) && fiscal_year_of(year, month) == start_year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn era_form_of_fiscal_years() {
        assert_eq!(era_fiscal_year(2019), "令和元年度");
        assert_eq!(era_fiscal_year(2022), "令和４年度");
        assert_eq!(era_fiscal_year(2030), "令和１２年度");
        assert_eq!(era_short_year(2019), "R1");
        assert_eq!(era_short_year(2022), "R4");
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        assert_eq!(fiscal_year_of(2023, 3), 2022);
        assert_eq!(fiscal_year_of(2023, 4), 2023);
        assert!(fiscal_year_contains(2022, 2022, 4));
        assert!(fiscal_year_contains(2022, 2023, 3));
        assert!(!fiscal_year_contains(2022, 2022, 3));
        assert!(!fiscal_year_contains(2022, 2023, 4));
        assert!(!fiscal_year_contains(2022, 2023, 13));
    }

    #[test]
    fn extreme_years_do_not_overflow() {
        assert_eq!(fiscal_year_of(i32::MIN, 1), i32::MIN);
        assert_eq!(era_short_year(i32::MIN), format!("R{}", i32::MIN));
        assert_eq!(era_fiscal_year(i32::MAX), format!("令和{}年度", full_width_digits(i32::MAX - 2018)));
    }
}
