//! "Bring your own data": a reader's CSV read into a series, with `line N: reason` errors.

use trendline_core::{forecast, parse_user_csv, Day, Family, ImportUnit, PointKind, State, Unit};

fn latest() -> Day {
    Day::parse("2026-11-27").unwrap()
}

fn read(text: &str, unit: ImportUnit) -> Result<trendline_core::Series, Vec<String>> {
    parse_user_csv("mine", "My runs", text, unit, latest())
}

fn errors(text: &str, unit: ImportUnit) -> Vec<String> {
    read(text, unit).unwrap_err()
}

const GOOD: &str = "date,value,name,ci_low,ci_high\n2024-01-01,10,Alpha,8,12\n2024-04-10,25,Beta,20,30\n2024-02-01,5,Gamma,,\n";

#[test]
fn a_good_file_reads_the_same_with_any_delimiter() {
    let comma = read(GOOD, ImportUnit::Minutes).unwrap();
    let semicolon = read(&GOOD.replace(',', ";"), ImportUnit::Minutes).unwrap();
    let tab = read(&GOOD.replace(',', "\t"), ImportUnit::Minutes).unwrap();
    assert_eq!(comma, semicolon);
    assert_eq!(comma, tab);
    let names: Vec<&str> = comma.points.iter().map(|p| p.model.as_str()).collect();
    assert_eq!(names, ["Alpha", "Gamma", "Beta"], "sorted by date");
    let p = &comma.points[0];
    assert_eq!(p.id, "row-2");
    assert_eq!(p.date, Day::parse("2024-01-01").unwrap());
    assert_eq!(
        (p.value, p.ci_low, p.ci_high),
        (10.0, Some(8.0), Some(12.0))
    );
    assert_eq!(p.kind, PointKind::Measured);
    assert_eq!(p.org, "");
    assert_eq!(p.source, "your file \"My runs\", line 2");
    assert_eq!(p.source_frontier, None);
    assert_eq!(comma.points[1].ci_low, None);
    let frontier: Vec<bool> = comma.points.iter().map(|p| p.frontier).collect();
    assert_eq!(frontier, [true, false, true], "running maximum");
}

#[test]
fn the_series_description_says_the_data_is_the_readers() {
    let s = read(GOOD, ImportUnit::Percent).unwrap();
    let m = &s.meta;
    assert_eq!(m.id, "mine");
    assert_eq!(m.title, "My runs");
    assert_eq!(m.short_title, "My runs");
    assert_eq!(m.file, "");
    assert_eq!(m.unit, Unit::Percent);
    assert!(m.bounded);
    assert_eq!(m.date_meaning, "as given in your file");
    assert_eq!(m.interval, "as given in your file (not checked)");
    assert!(!m.interval_contains_value);
    assert_eq!(m.frontier_rule, "running maximum (best so far)");
    assert_eq!(m.source_name, "You");
    assert!(m.source_urls.is_empty());
    assert_eq!(m.licence, "Your own data");
    assert_eq!(m.attribution, "Data: your file \"My runs\"");
    assert_eq!(m.retrieved, "2026-11-27");
    assert!(m.caveats.is_empty());
    assert_eq!(m.fit_cap, None);
    let minutes = read(GOOD, ImportUnit::Minutes).unwrap();
    assert_eq!(minutes.meta.unit, Unit::Minutes);
    assert!(!minutes.meta.bounded);
}

#[test]
fn headers_match_case_insensitively_with_aliases_and_extra_columns_ignored() {
    let text = "  Notes , MODEL ,Date, Value ,Lower,Upper\nx,Alpha,2024-01-01,10,8,12\n";
    let s = read(text, ImportUnit::Minutes).unwrap();
    let p = &s.points[0];
    assert_eq!(p.model, "Alpha");
    assert_eq!((p.ci_low, p.ci_high), (Some(8.0), Some(12.0)));
    let text = "value;date;low;high\n10;2024-01-01;8;12\n";
    let s = read(text, ImportUnit::Minutes).unwrap();
    assert_eq!(s.points[0].ci_high, Some(12.0));
    assert_eq!(s.points[0].model, "row 2", "no name column");
}

#[test]
fn a_byte_order_mark_and_blank_lines_are_skipped_and_lines_still_counted() {
    let text = "\u{feff}\n\ndate,value\n\n2024-01-01,1\n , \n2024-02-01,2\n2024-03-01,abc\n";
    let e = errors(text, ImportUnit::Minutes);
    assert_eq!(e, ["line 8: value \"abc\" is not a number"]);
    let s = read(" ; \n;;\ndate;value\n2024-01-01;1,5\n", ImportUnit::Minutes).unwrap();
    assert_eq!(s.points[0].id, "row-4");
    assert_eq!(
        s.points[0].value, 1.5,
        "the delimiter comes from the header, not a blank line"
    );
    let s = read(
        "\u{feff}date,value\r\n2024-01-01,1\r\n\r\n2024-02-01,2\r\n",
        ImportUnit::Minutes,
    )
    .unwrap();
    let ids: Vec<&str> = s.points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["row-2", "row-4"]);
}

#[test]
fn hours_are_converted_to_minutes() {
    let s = read(GOOD, ImportUnit::Hours).unwrap();
    assert_eq!(s.meta.unit, Unit::Minutes);
    let p = &s.points[0];
    assert_eq!(
        (p.value, p.ci_low, p.ci_high),
        (600.0, Some(480.0), Some(720.0))
    );
}

#[test]
fn semicolon_files_may_use_decimal_commas() {
    let s = read(
        "date;value\n2024-01-01;1,5\n2024-02-01;\"2,25\"\n",
        ImportUnit::Hours,
    )
    .unwrap();
    let v: Vec<f64> = s.points.iter().map(|p| p.value).collect();
    assert_eq!(v, [90.0, 135.0]);
}

#[test]
fn quoted_cells_may_hold_the_delimiter_and_quotes() {
    let s = read(
        "date,value,name\n2024-01-01,1,\"Model \"\"X\"\", v2\"\n",
        ImportUnit::Minutes,
    )
    .unwrap();
    assert_eq!(s.points[0].model, "Model \"X\", v2");
}

#[test]
fn every_problem_names_its_line_and_reason() {
    let text = "date,value,name,ci_low,ci_high\n\
                2024-01-01,1,a,,\n\
                2024-01-02,abc,b,,\n\
                2024-01-03,-2,c,,\n\
                2024-01-04,5,d,,\n\
                2024-01-05,5,e,9,3\n\
                2025-13-01,5,f,,\n\
                2027-01-05,5,g,,\n\
                ,5,h,,\n\
                2024-01-09,,i,,\n\
                2024-01-10,5,j,1,\n\
                2024-01-11,5,k,x,6\n\
                2024-01-12,5,l,-1,6\n\
                2024-01-13,inf,m,,\n";
    let e = errors(text, ImportUnit::Minutes);
    assert_eq!(
        e,
        [
            "line 3: value \"abc\" is not a number",
            "line 4: value -2 must be greater than 0",
            "line 6: ci_low 9 is above ci_high 3",
            "line 7: date \"2025-13-01\" is not a valid date (expected YYYY-MM-DD)",
            "line 8: date 2027-01-05 is after 2026-11-27, the latest date accepted",
            "line 9: date is empty",
            "line 10: value is empty",
            "line 11: ci_low and ci_high must both be given or both be empty",
            "line 12: ci_low \"x\" is not a number",
            "line 13: ci_low -1 must be at least 0",
            "line 14: value \"inf\" is not a number",
        ]
    );
    let e = errors(
        "date,value\n2024-01-01,50\n2024-01-02,0\n2024-01-03,100\n2024-01-04,100.5\n2024-01-05,140\n2024-01-06,-0.1\n",
        ImportUnit::Percent,
    );
    assert_eq!(
        e,
        [
            "line 5: value 100.5 must be between 0 and 100",
            "line 6: value 140 must be between 0 and 100",
            "line 7: value -0.1 must be between 0 and 100",
        ]
    );
    let e = errors("date,value\n2024-01-01,0\n", ImportUnit::Hours);
    assert_eq!(e, ["line 2: value 0 must be greater than 0"]);
}

#[test]
fn a_file_without_date_or_value_columns_names_the_columns_it_has() {
    let e = errors("when,score,model\n2024-01-01,5,a\n", ImportUnit::Minutes);
    assert_eq!(
        e,
        ["line 1: the header has no \"date\" or \"value\" columns (found \"when\", \"score\", \"model\"); it needs \"date\" and \"value\""]
    );
    let e = errors("\n\nDate;Score\n2024-01-01;5\n", ImportUnit::Minutes);
    assert_eq!(
        e,
        ["line 3: the header has no \"value\" column (found \"Date\", \"Score\"); it needs \"date\" and \"value\""]
    );
}

#[test]
fn empty_files_and_header_only_files_have_no_data_rows() {
    let e = errors("date,value\n\n\n", ImportUnit::Minutes);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("no data rows"), "{e:?}");
    for empty in ["", "\u{feff}", "\n \n"] {
        let e = errors(empty, ImportUnit::Minutes);
        assert!(e[0].starts_with("the file is empty"), "{e:?}");
    }
}

#[test]
fn an_all_errors_file_reports_every_line_up_to_20_messages() {
    let mut text = String::from("date,value\n");
    for _ in 0..15 {
        text.push_str("someday,5\n");
    }
    let e = errors(&text, ImportUnit::Minutes);
    assert_eq!(e.len(), 15);
    for (k, m) in e.iter().enumerate() {
        assert!(
            m.starts_with(&format!("line {}: date \"someday\"", k + 2)),
            "{m}"
        );
    }
    for _ in 0..20 {
        text.push_str("someday,5\n");
    }
    let e = errors(&text, ImportUnit::Minutes);
    assert_eq!(e.len(), 21);
    assert!(e[19].starts_with("line 21: "), "{}", e[19]);
    assert_eq!(e[20], "… and 15 more problems");
}

#[test]
fn more_than_5000_rows_are_refused() {
    let mut text = String::from("date,value\n");
    for _ in 0..5000 {
        text.push_str("2024-01-01,5\n");
    }
    assert_eq!(read(&text, ImportUnit::Minutes).unwrap().points.len(), 5000);
    text.push_str("2024-01-01,5\n");
    let e = errors(&text, ImportUnit::Minutes);
    assert_eq!(
        e,
        ["line 5002: the file has more than 5000 data rows; Trendline reads at most 5000"]
    );
}

#[test]
fn garbage_input_gives_errors_not_panics() {
    for text in [
        "date,value\n\"unterminated,5\n",
        "date,value\n2024-01-01,5,extra,cells\n",
        "date,value\n2024-01-01\n",
        "\"date\nvalue\"\n1,2\n",
        "date,value\n\u{0}\u{1},\u{7f}\n",
        "date,value,date,value\n2024-01-01,1,x,y\n",
    ] {
        let r = std::panic::catch_unwind(|| read(text, ImportUnit::Percent));
        assert!(r.is_ok(), "{text:?}");
    }
    assert_eq!(
        errors("date,value\n2024-01-01\n", ImportUnit::Minutes),
        ["line 2: value is empty"]
    );
}

/// Values 1, 2, 4, … minutes every 100 days: the fitted doubling time is 100 days.
#[test]
fn a_clean_exponential_file_fits_its_doubling_time() {
    let mut text = String::from("date,value\n");
    let start = Day::parse("2020-01-01").unwrap().number();
    for k in 0..8 {
        let d = Day::from_number(start + 100 * k);
        text.push_str(&format!("{d},{}\n", 2f64.powi(k)));
    }
    let series = read(&text, ImportUnit::Minutes).unwrap();
    let state = State {
        series: "mine".into(),
        ..State::default()
    };
    let f = forecast(&series, None, &state);
    let t = f.fitted_doubling.unwrap();
    assert!((t - 100.0).abs() < 1e-9, "{t}");
    assert_eq!(f.prepared.fit.as_ref().unwrap().used.len(), 8);
    assert!(f.milestones.iter().all(|m| m.assumed.is_some()));
}

#[test]
fn a_percent_file_gets_a_logistic_fit() {
    let text = "date,value\n2023-01-01,10\n2023-07-01,25\n2024-01-01,50\n2024-07-01,75\n";
    let series = read(text, ImportUnit::Percent).unwrap();
    let state = State {
        series: "mine".into(),
        ..State::default()
    };
    let f = forecast(&series, None, &state);
    assert_eq!(f.prepared.family, Family::Logistic);
    assert!(f.fitted_doubling.unwrap() > 0.0);
}
