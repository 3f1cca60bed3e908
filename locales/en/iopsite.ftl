# iopsite's messages in English. Every message id here must also be in
# locales/sv/iopsite.ftl (tests/messages_catalogue.rs checks it). The ids are stable codes:
# `check --format json` prints them, and tools may match on them.
# Arguments: text as written by the user ($name, $text, $key …), counts ($count …).

## The command line

severity-error = error
severity-warning = warning
summary-counts = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}

## Files and folders

cannot-read = cannot be read: { $reason }
link-to-folder = is a link to a folder; iopsite does not follow links to folders, so move the files here instead
files-folder-is-link = is a link; iopsite does not follow a link for the files folder, so make it a folder and put the files in it
files-folder-not-folder = is not a folder; attachments go in a folder of that name
files-total-too-large = the files in it are { $size } in all; a site's attachments together may be at most { $limit }
file-name-not-utf8 = the file name is not UTF-8 text, so it cannot be part of a web address; rename the file
file-name-bad-character = the name `{ $name }` has a `\`, `:` or control character, which cannot be published on every system; rename it
attachment-link-outside = is a link to a file outside { $dir }/ ({ $target }); only files inside that folder are published, so copy the file here instead
attachment-link-nowhere = is a link that leads nowhere ({ $reason }); remove it or copy the file here
attachment-not-regular = is not a regular file (a pipe or device); remove it from { $dir }/
attachment-too-large = is { $size }; a file in { $dir }/ may be at most { $limit }
attachment-refused-link-outside = it is a link to a file outside { $dir }/
attachment-refused-link-nowhere = it is a link that leads nowhere
attachment-refused-unreadable = it cannot be read
attachment-refused-link-to-folder = it is a link to a folder
attachment-refused-not-regular = it is not a regular file
attachment-refused-too-large = it is larger than { $limit }

## YAML as written

yaml-tab-indent = a tab character is used for indentation; YAML needs spaces
yaml-missing-key = missing required key `{ $key }`
yaml-missing-key-in-entry = missing required key `{ $key }` in the entry that starts here
yaml-unknown-key = unknown key `{ $key }`; expected one of { $expected }
yaml-unknown-key-only = unknown key `{ $key }`
yaml-unknown-key-suggest = unknown key `{ $key }`; did you mean `{ $suggestion }`? (expected one of { $expected })
yaml-colon-in-value = a `: ` inside a value starts a new key; put the whole value in quotes, e.g. title: "IOP: Mötesplats" (the YAML parser says: { $parser })
yaml-indentation = the indentation does not match the lines above; check the spaces at the start of this line (the YAML parser says: { $parser })
yaml-bracket-list = a list in [brackets] is not closed, or a `:` inside it needs quotes (the YAML parser says: { $parser })
yaml-over-indented = this line is indented more than the line above; keys of the same entry start in the same column (column { $column })
yaml-colon-space = a key needs a space after its colon: write `{ $key }: { $value }`
yaml-expected-text = expected text here
yaml-expected-whole-number = expected a whole number here
yaml-expected-count = expected a whole number (0 or more) here
yaml-expected-number = expected a number here
yaml-expected-mapping = expected `key: value` lines here
yaml-expected-list = expected a list (lines starting with `- `) here
# A message of the YAML parser that iopsite has no words of its own for, as the parser wrote it.
yaml-parser = { $detail }
yaml-not-boolean = `{ $written }` is not true or false; write true (ja) or false (nej)
number-not-digits = `{ $written }` is not a number; write the value as a number, such as 40 or 3.5
number-with-unit = `{ $written }` is not a number; write only the number here (such as 40 or 3.5) and a unit under `unit:`
number-with-separators = `{ $written }` is not a number; write it with no spaces or thousands separators ({ $number }) and decimals with a point
number-decimal-comma = `{ $written }` is not a number; write decimals with a point ({ $number }) and no spaces or thousands separators
number-comma-ambiguous = `{ $written }` is not a number; write decimals with a point and no spaces or thousands separators: { $thousands } for thousands, or { $decimals } if the comma marks decimals
number-malformed = `{ $written }` is not a number; write decimals with a point (3.5) and no spaces or thousands separators
goal-is-target = `{ $written }` is a target, not a goal number; write goal: { $goal } and targets: [{ $written }]
goal-with-words = `{ $written }` is not a goal number; write only the number: goal: { $number }
goal-not-number = `{ $written }` is not a goal number; write the number of the Agenda 2030 goal, 1–17
goal-not-number-named = `{ $written }` is not a goal number; write the number of the Agenda 2030 goal, 1–17 ({ $named })
goal-named = goal { $number } is { $en } / { $sv }
year-span = `{ $written }` is not one year; a report covers one calendar year: write year: { $year } (and make a report per year)
year-not-year = `{ $written }` is not a year; write the calendar year the report covers as four digits: year: { $year }
year-not-digits = `{ $written }` is not a year; write the calendar year the report covers as four digits, e.g. year: 2024

## Reading the content

site-yaml-missing = no site.yaml found (looked in DIR/content/ and DIR/); run `iopsite init DIR` to start a new site
content-too-large = the content files are { $size } in all; a site's content (site.yaml, agreements, reports and pages together) may be at most { $limit }
file-ignored = ignored: only .{ $extension } files are read in this folder
content-not-regular = is not a regular file (a folder, pipe or device); remove it from the content folder
content-file-too-large = is { $size }; content files may be at most { $limit }
content-file-grew = is larger than { $limit }; content files may be at most that
file-not-utf8 = the file is not UTF-8 text; save it as UTF-8
file-name-not-id = the file name `{ $id }` is not a valid id: use lower-case letters a-z, digits and single hyphens (it becomes part of the page address)
file-empty = the file is empty
front-matter-missing = the file must start with front matter: a line `---`, YAML keys, and another line `---`
front-matter-not-closed = the front matter is not closed: add a line `---` after it
markdown-too-many-marks = the Markdown text passes { $limit } marks { $place }; a text may have at most that many (every line, punctuation character and table cell is a mark), so that rendering it cannot exhaust memory: split it into smaller files or shorten it
marks-place-line = on this line
marks-place-fields = in `{ $key }`, counting the agreement's Markdown fields together

## Words from a closed list

vocabulary-unknown = { $what } `{ $text }` is unknown; use one of: { $words }
vocabulary-word-meaning = { $word } ({ $meaning })
field-language = language
field-content-language = content_language
field-license = license
field-form = form
field-status = status
field-outcome-kind = outcome kind
field-basis = basis
field-party-kind = party kind
meaning-basis-named = in the agreement text
meaning-basis-assessed = by the publisher
meaning-outcome-ended-early = the parties ended it before its end
meaning-outcome-terminated = a party terminated it, e.g. for breach
meaning-outcome-annulled = it was annulled or declared void
meaning-outcome-judged-unlawful = a court judged it unlawful
meaning-license-cc0 = public domain; recommended for open data
meaning-license-cc-by = reuse naming the publisher
meaning-license-cc-by-sa = reuse naming the publisher, same licence

## Invisible characters in names and titles

text-reversing-character = { $field } contains an invisible control character { $character }, which can reverse the text around it on the page; delete it (retype the text by hand)
text-invisible-character = { $field } contains an invisible character { $character }, which does not show on the page but makes the text differ from what it looks like; delete it (retype the text by hand)
char-named = { $code } ({ $name })
char-control = { $code } (a control character)
char-tag = { $code } (a tag character)
char-format = { $code } (a format character)
field-title = the title
field-short-title = the short title
field-activity-name = the activity name
field-source-title = the source title
field-party-name = the party name
field-org-number = the organisation number
field-unit = the unit
field-contact-name = the contact name
field-signatory-name = the signatory name
field-report-title = the report title
field-page-title = the page title
field-site-title = the site title
field-publisher = the publisher

## site.yaml and reports

report-duplicate = { $first } already holds the report for `{ $agreement }` and { $year }; keep one file per agreement and year
base-url-invalid = base_url `{ $base }` must be a full address starting with https:// (or http://)
contact-email-invalid = contact_email `{ $text }` is not an e-mail address; write one address, e.g. open.data@kommun.se
grant-id-prefix-invalid = grant_id_prefix `{ $text }` must start with `360G-` and hold only letters, digits and dashes, e.g. 360G-kalmarkommun
rows-per-page-invalid = `{ $rows }` rows a page is not possible; write a whole number from 1 to 1000 (100 if unsure)
reports-from-invalid = `{ $year }` is not a year; write the first year whose report the site follows up, e.g. 2024
date-invalid = `{ $text }` is not a valid date; write it as YYYY-MM-DD, e.g. 2025-01-31
when-invalid = `{ $text }` is not a date; write the day (2025-01-31), or only the month (2025-01) or the year (2025) when that is all that is known
when-invalid-or-unknown = `{ $text }` is not a date; write the day (2025-01-31), or only the month (2025-01) or the year (2025) when that is all that is known, or `unknown` when the end is not known
amount-negative = the amount { $amount } is negative; amounts are whole kronor, 0 or more
amount-too-large = the amount { $amount } kr is over ten billion kronor a year; is a digit too many?
amount-grouped = `{ $text }` is not an amount; write whole kronor without separators: { $kronor }
amount-invalid = `{ $text }` is not an amount; write whole kronor without spaces (650000), or `unpublished` if the publisher withholds it, or `unknown` if the publisher does not know it
report-agreement-unknown = there is no agreement `{ $id }`; the agreements are: { $known }
report-agreement-unknown-none = there is no agreement `{ $id }`; the agreements are: (none)
report-year-outside = the year { $year } is outside the agreement `{ $id }`, which runs { $first }–{ $last }
statistic-not-finite = a statistic must be a finite number
statistic-no-value = the statistic `{ $name }` has no value yet; write its number for { $year }, or delete the statistic (its name, value and unit lines) if the number is not known

## Agreements

org-number-bad-character = organisation number `{ $text }` contains `{ $character }`; only digits, spaces and a dash are allowed
org-number-wrong-length = organisation number `{ $text }` has { $digits } digits; it must have 10 (NNNNNN-NNNN)
org-number-check-digit = organisation number `{ $text }` fails the check-digit (Luhn) test; check for a typing error
sources-missing = name at least one source document the agreement is transcribed from
period-backwards = the period ends ({ $end }) before it starts ({ $start })
extends-to-early = extends_to ({ $to }) must be after the agreement's end ({ $end })
fine-not-kronor = write the fine in whole kronor, or leave `fine` out if it is not known
goal-unknown = goal { $number } does not exist; the Agenda 2030 goals are numbered 1 to 17
goal-twice = goal { $number } is listed twice
target-twice = target { $text } is listed twice
target-other-goal = target { $text } belongs to goal { $other }, not goal { $goal }; list it under goal { $other }
target-not-of-goal = `{ $text }` is not a target of goal { $goal }; its targets are { $targets }
targets-numbered = { $numbered }
targets-numbered-lettered = { $numbered } and { $lettered }
targets-none = none
link-invalid = `{ $url }` is not a web address; links must start with https:// or http://
parties-too-few = an agreement needs at least two parties
parties-same-name = two parties are named `{ $name }`; each party needs its own name
party-unknown = the { $what } `{ $wanted }` is not a party of this agreement; the parties are { $names }
role-convener = convener
role-funder = funder
years-invalid = `{ $text }` is not a year or a range of years; write 2025 or 2021-2024
years-backwards = the range `{ $text }` must run forwards, e.g. 2021-2024
funding-amount-and-total = give either `amount` (for each year) or `total` (for all the years together), not both
funding-no-amount = this funding line has no amount; add `amount:` (whole kronor a year), or `total:` (for all its years together), with `unpublished` or `unknown` where the sum is not public or not known
funding-outside-period = funding for { $first }–{ $last } lies outside the agreement's period ({ $start }–{ $end })
funding-twice = { $funder } already has a funding line for { $year }; give each funder (and unit) one line per year
no-nonprofit-party = no party is a non-profit (kind: nonprofit); is that right for an IOP?
funding-none = the agreement has no funding lines, so its pages show no money; use `amount: unpublished` if the amount is not public, or `amount: unknown` if it is not known
funding-years-missing = no funding line for { $years } although the period covers it
org-number-two-names = organisation number { $number } is also used for `{ $name }` ({ $place }); the same number under two names is merged into one organisation: check the number, or write the names the same

## Attachments named by `file:`

attachment-refused = { $file } cannot be published: { $why }
attachment-missing = there is no file `{ $name }` in { $dir }/ (looked for { $path })
attachment-missing-no-folder = there is no file `{ $name }` in { $dir }/ (looked for { $path }); the folder { $dir }/ does not exist: put the files the sources name there
attachment-missing-hidden = there is no file `{ $name }` in { $dir }/ (looked for { $path }); files and folders whose names start with `.` are not published
attachment-missing-suggest = there is no file `{ $name }` in { $dir }/ (looked for { $path }); did you mean `{ $close }`?
attachment-absolute = `{ $name }` is an absolute path; name the file by its path inside { $dir }/, e.g. `avtal.pdf` or `2024/beslut.pdf`
attachment-backslash = `{ $name }` has a `\`; separate folders with `/`, e.g. `2024/beslut.pdf`
attachment-dot-dot = `{ $name }` leads out of { $dir }/ with `..`; only files inside that folder are published, so put the file there and name it by its path inside it
attachment-empty = `file:` is empty; name a file in { $dir }/, or leave the key out

## The theme and the output

template-error = template error: { $detail }
template-not-utf8 = the template is not UTF-8 text
theme-no-strings = the theme has no strings for this language
theme-missing-strings = missing strings: { $keys }
theme-file-clash = the site makes a file `{ $path }` itself; give the theme file another name
output-theme-file-gone = { $path }: the theme file is gone
output-file-unreadable = { $path }: the file cannot be read: { $reason }
output-failed = { $path }: { $reason }
chart-failed = chart `{ $id }` could not be drawn: { $reason }

## Writing the output (build)

write-not-ours = { $dir } holds files that iopsite did not write (it has no { $marker } file), so a build will not replace it; move them away or write the site to another folder. Nothing was changed
write-hand-files = { $count ->
    [one] { $output } holds a file that no build wrote: { $files }; a build replaces the whole folder, so move it out of it (or delete it) and build again. Nothing was changed
   *[other] { $output } holds files that no build wrote: { $files }; a build replaces the whole folder, so move them out of it (or delete them) and build again. Nothing was changed
}
write-unsuitable = cannot write the site to { $output }: { $why }. Nothing was changed
write-resolve = cannot follow the output path { $path }: { $reason }. Nothing was changed
write-lock = cannot lock { $path } (one build at a time): { $reason }. Nothing was changed
write-io = cannot write { $path }: { $reason }; the previous output is unchanged
write-bad-path = the output path `{ $path }` is not allowed (it must stay inside the output folder); the previous output is unchanged
write-swap = cannot put the new site in place of { $output }: { $reason }; the previous output is unchanged
write-swap-moved = cannot put the new site in place of { $output }: { $reason }; the previous site could not be moved back and is now at { $moved }. There is no output folder: build again (the next build first moves the previous site back) or move it back yourself
output-is-root = it is the root of the file system
output-is-file = { $path } is a file, not a folder
output-is-site = { $path } is the site's own folder
output-holds-site = { $path } holds the site's own folder { $site }
output-own-folder = { $why }; write the site to a folder of its own

## New sites and files (init, new)

created = created { $path }
scaffold-exists = { $path } already exists; choose another name or folder
scaffold-bad-name = `{ $name }` is not a valid name: use lower-case letters a-z, digits and single hyphens
scaffold-no-site = no site found in { $dir } (no content/site.yaml or site.yaml); run `iopsite init` first
scaffold-site-exists = { $dir } already holds a site ({ $file } exists); `init` makes a new site only in a folder without one
scaffold-io = cannot write { $path }: { $reason }
scaffold-bad-name-try = `{ $name }` is not a valid name: use lower-case letters a-z, digits and single hyphens; try `{ $command }`
scaffold-bad-year = `{ $year }` is not a year; write it with four digits, e.g. 2025
scaffold-unknown-agreement = there is no agreement `{ $id }` in { $folder }; an agreement's id is the name of its file there, without .yaml
scaffold-unknown-agreement-suggest = there is no agreement `{ $id }` in { $folder }; did you mean `{ $closest }`?
scaffold-report-exists = { $path } already holds the report of `{ $agreement }` for { $year }; edit that file instead (iopsite never overwrites a file)
placeholder-left = `{ $placeholder }` is a placeholder from the skeleton; replace it with your own text
placeholder-more = this file holds { $more ->
    [one] 1 more placeholder
   *[other] { $more } more placeholders
} from the skeleton after this one

## Summary lines

summary-built = built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
}, { $charts ->
    [one] 1 chart
   *[other] { $charts } charts
} and { $files ->
    [one] 1 file
   *[other] { $files } files
} ({ $agreements ->
    [one] 1 agreement
   *[other] { $agreements } agreements
}, { $reports ->
    [one] 1 report
   *[other] { $reports } reports
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}) in { $ms } ms (charts { $chart_ms } ms over all threads), status as of { $as_of }
summary-checked = checked { $pages ->
    [one] 1 page
   *[other] { $pages } pages
}, { $charts ->
    [one] 1 chart
   *[other] { $charts } charts
} and { $files ->
    [one] 1 file
   *[other] { $files } files
} ({ $agreements ->
    [one] 1 agreement
   *[other] { $agreements } agreements
}, { $reports ->
    [one] 1 report
   *[other] { $reports } reports
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}) in { $ms } ms (charts { $chart_ms } ms over all threads), status as of { $as_of }
summary-nothing-written = { $counts }; nothing was written
