//! What an upload did: counts, then every file that found no student or was refused, in a
//! table and as a CSV download.
use hallpass_shared::pictures::{
    PictureResult, RejectedFile, RejectedReason, UnmatchedFile, UnmatchedReason,
};
use leptos::prelude::*;

use crate::components::When;
use crate::pages::integrations::numbers::count;

/// One file that did not become a picture, as the table and the CSV show it.
#[derive(Clone)]
struct Line {
    file: String,
    outcome: &'static str,
    reason: &'static str,
}

fn unmatched(reason: UnmatchedReason) -> &'static str {
    match reason {
        UnmatchedReason::NoMappingRow => "The mapping file has no line for this file.",
        UnmatchedReason::FileMissing => {
            "The mapping names this file, but the upload has no such file."
        }
        UnmatchedReason::NoSuchStudent => "No student has this email or student ID.",
        UnmatchedReason::Duplicate => {
            "Another picture went to the same student (the later line wins)."
        }
    }
}

fn rejected(reason: RejectedReason) -> &'static str {
    match reason {
        RejectedReason::NotAnImage => "Not a JPEG, PNG or WebP picture that can be read.",
        RejectedReason::TooLarge => "Too large for one picture.",
        RejectedReason::TooManyPixels => "Too many pixels for one picture.",
        RejectedReason::UnsafeArchiveEntry => {
            "Not opened: a path outside the zip, a zip inside the zip, or past the zip's limits."
        }
    }
}

fn lines(unmatched_files: Vec<UnmatchedFile>, rejected_files: Vec<RejectedFile>) -> Vec<Line> {
    let unmatched = unmatched_files.into_iter().map(|file| Line {
        file: file.file,
        outcome: "Not matched",
        reason: unmatched(file.reason),
    });
    let rejected = rejected_files.into_iter().map(|file| Line {
        file: file.file,
        outcome: "Rejected",
        reason: rejected(file.reason),
    });
    unmatched.chain(rejected).collect()
}

#[component]
pub fn Summary(result: PictureResult) -> impl IntoView {
    let PictureResult {
        matched,
        replaced,
        unmatched,
        rejected,
        mapping_errors,
    } = result;
    let not_used = unmatched.len() + rejected.len();
    let has_mapping_errors = !mapping_errors.is_empty();
    let lines = lines(unmatched, rejected);
    let matched = match matched {
        1 => "1 student got a picture".to_string(),
        n => format!("{} students got a picture", count(i64::from(n))),
    };
    let replaced = match replaced {
        0 => String::new(),
        n => format!(" ({} replaced an earlier one)", count(i64::from(n))),
    };
    let problems = (!lines.is_empty()).then(|| {
        let csv = to_csv(&lines);
        let rows = lines
            .into_iter()
            .map(|line| {
                view! {
                    <tr>
                        <td class="file-name">{line.file}</td>
                        <td>{line.outcome}</td>
                        <td>{line.reason}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table">
                    <caption>"Files that did not become a picture"</caption>
                    <thead>
                        <tr><th scope="col">"File"</th><th scope="col">"Result"</th><th scope="col">"Why"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| {
                    crate::download::save_bytes(csv.as_bytes(), "picture-upload-problems.csv")
                }>
                    "Download as CSV"
                </button>
            </div>
        }
    });
    let mapping_errors = mapping_errors
        .into_iter()
        .map(|error| view! { <li>{format!("Line {}: {}", error.line, error.message)}</li> })
        .collect_view();
    view! {
        <div class="stack upload-summary" role="status">
            <h3>"Last upload"</h3>
            <p class="summary-line"><strong>{matched}</strong>{replaced}"."</p>
            <When when=move || not_used != 0 fallback=|| view! { <p>"Every file was used."</p> }>
                <p>{format!("{} files were not used:", count(not_used as i64))}</p>
            </When>
            {problems}
            <When when=move || has_mapping_errors>
                <p>"Lines of the mapping file that could not be read:"</p>
            </When>
            <ul class="mapping-errors">{mapping_errors}</ul>
        </div>
    }
}

fn to_csv(lines: &[Line]) -> String {
    // A leading `=`, `+`, `-`, `@`, tab or carriage return would make a spreadsheet read a
    // file's name as a formula.
    let quote = |text: &str| {
        let guard = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            "'"
        } else {
            ""
        };
        format!("\"{guard}{}\"", text.replace('"', "\"\""))
    };
    let mut csv = String::from("file,result,reason\r\n");
    for line in lines {
        csv.push_str(&format!(
            "{},{},{}\r\n",
            quote(&line.file),
            quote(line.outcome),
            quote(line.reason)
        ));
    }
    csv
}
