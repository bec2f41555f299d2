"""The ``assistant`` command: ingest papers and statistics, search them, look up indicators,
show the index's status, run the demo."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from .config import Settings
from .embeddings import ModelNotFound
from .index import ModelMismatch
from .metadata import parse_date

DEMO_QUESTIONS = [
    "How has placement stability changed in Norfolk?",
    "Who was elected chair of the scrutiny sub-committee?",
    "What is the forecast overspend on legal costs?",
    "What did the committee decide about health assessments?",
]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    settings = Settings.from_env(
        index_dir=Path(args.index_dir) if args.index_dir else None,
        chroma_url=args.chroma_url,
        embedding_model=args.model,
    )
    try:
        return args.handler(args, settings)
    except (ModelMismatch, ModelNotFound) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        return 0
    except ConnectionError as error:
        print(f"error: cannot reach the Chroma server at {settings.chroma_url} ({error})", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    parser.add_argument("--index-dir", help="index folder (default: indexes/, or ASSISTANT_INDEX_DIR)")
    parser.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (or ASSISTANT_CHROMA_URL)")
    parser.add_argument("--model", help="embedding model: a sentence-transformers name or folder")
    commands = parser.add_subparsers(dest="command")

    ingest = commands.add_parser("ingest", help="add papers to the index (unchanged files are skipped)")
    ingest.add_argument("paths", nargs="*", help="files or folders (default: corpus/)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--statistics", metavar="DIR",
                        help="also load official statistics (DfE tidy CSV files) from this folder "
                             "(or set ASSISTANT_STATISTICS_DIR)")
    ingest.set_defaults(handler=_ingest)

    search = commands.add_parser("search", help="find the passages that best match a query")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="how many results (default 5)")
    _add_filters(search)
    search.add_argument("--mode", choices=["hybrid", "dense", "keyword"], default="hybrid")
    search.set_defaults(handler=_search)

    status = commands.add_parser("status", help="what the index holds")
    status.set_defaults(handler=_status)

    indicators = commands.add_parser("indicators", help="indicator values from tables, prose and statistics")
    which = indicators.add_subparsers(dest="action", required=True)
    listing = which.add_parser("list", help="the indicators the store holds values for")
    listing.add_argument("--council")
    listing.set_defaults(handler=_indicators_list)
    show = which.add_parser("show", help="an indicator's series with its sources")
    show.add_argument("indicator", help="a catalogue id (see `list`) or words such as 'placement stability'")
    show.add_argument("--council")
    show.add_argument("--area", default="county", help="county (default) or a locality")
    show.add_argument("--measure", default="value", help="value (default), target, england, statistical_neighbours, ...")
    show.set_defaults(handler=_indicators_show)
    tables = which.add_parser("tables", help="the tables read from a paper")
    tables.add_argument("document", help="part of the paper's file name")
    tables.add_argument("--show", metavar="TABLE_ID", help="print one table whole")
    tables.set_defaults(handler=_indicators_tables)

    ask = commands.add_parser("ask", help="answer a question with numbered citations")
    ask.add_argument("question", nargs="?", help="the question (or use --questions)")
    ask.add_argument("--json", action="store_true", help="print one JSON object (the evaluation interface)")
    ask.add_argument("--questions", metavar="IN.jsonl", help='answer many: lines of {"id", "question", "history"?}')
    ask.add_argument("--out", metavar="OUT.jsonl", help="where --questions writes its answers (default: stdout)")
    _add_filters(ask)
    ask.set_defaults(handler=_ask)
    chat = commands.add_parser("chat", help="an interactive chat in the terminal (follow-ups understood)")
    _add_filters(chat)
    chat.set_defaults(handler=_chat)

    briefing = commands.add_parser("brief", help="a briefing on a topic: figures, what was decided, questions to ask")
    briefing.add_argument("topic", help="e.g. 'placement stability'")
    briefing.add_argument("--council")
    briefing.add_argument("--out", metavar="FILE.md", help="write the Markdown here (default: print it)")
    briefing.set_defaults(handler=_brief)

    evaluate = commands.add_parser("eval", help="score the answers to a gold question set (see eval/)")
    evaluate.add_argument("--questions", metavar="FILE", default="eval/questions.jsonl",
                          help="gold questions, JSONL (default: eval/questions.jsonl)")
    evaluate.add_argument("--out", metavar="DIR", default="eval/results",
                          help="where answers.jsonl, report.json and report.md go (default: eval/results)")
    evaluate.add_argument("--compare", metavar="PREVIOUS.json", help="a previous report.json: list what got worse")
    evaluate.add_argument("--split", choices=["dev", "heldout"], help="only this part of the set (default: all)")
    evaluate.set_defaults(handler=_evaluate)

    demo = commands.add_parser("demo", help="ingest the corpus if needed, answer example questions, then chat")
    demo.set_defaults(handler=_demo)
    return parser


def _add_filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--council", help="e.g. Norfolk")
    command.add_argument("--committee", help="part of a committee's name, e.g. scrutiny")
    command.add_argument("--since", help="meetings on or after this date (e.g. 2019-01-01 or '1 Jan 2019')")
    command.add_argument("--until", help="meetings on or before this date")
    command.add_argument("--document", help="part of a document's file name")


def _ingest(args, settings: Settings) -> int:
    from .ingest import Ingester

    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    ingester = Ingester(settings)
    summary = ingester.run(paths, progress=not args.quiet)
    print(summary.describe())
    for name in summary.removed:
        print(f"removed {name}: its file was deleted")
    failed = bool(summary.failed)
    folder = Path(args.statistics) if args.statistics else settings.statistics_dir
    if folder:
        failed |= not _load_statistics(ingester.store, folder)
    return 1 if failed else 0


def _load_statistics(store, folder: Path) -> bool:
    """Load official statistics from a folder, saying what went in and what did not."""
    if not folder.is_dir():
        print(f"FAILED {folder}: not a folder of statistics files", file=sys.stderr)
        return False
    loaded = store.add_statistics(folder)
    for problem in loaded.problems:
        print(f"SKIPPED {problem}")
    mapped = loaded.values["indicator"].notna().sum()
    print(f"statistics: {len(loaded.files)} files, {len(loaded.values)} values ({mapped} mapped to catalogue "
          f"indicators), neighbour groupings for {loaded.neighbours['la_code'].nunique()} councils")
    return bool(loaded.files)


def _tools(settings: Settings):
    from .store import IndicatorStore
    from .tools import IndicatorTools

    store = IndicatorStore(settings)
    if store.values().empty:
        raise SystemExit("The indicator store is empty: run `assistant ingest` first.")
    return IndicatorTools(store)


def _indicators_list(args, settings: Settings) -> int:
    tools = _tools(settings)
    values = tools.store.values()
    if args.council:
        values = values[values["council"].str.lower() == args.council.lower()]
    counts = values[values["indicator"].notna()].groupby("indicator")
    for indicator in tools.catalogue.indicators:
        if indicator.id not in counts.groups:
            continue
        rows = counts.get_group(indicator.id)
        councils = sorted(set(rows["council"]) - {"England"})
        where = ", ".join(councils[:4]) + (f" and {len(councils) - 4} more" if len(councils) > 4 else "")
        print(f"{indicator.id:34} {indicator.name} [{indicator.unit}, {indicator.polarity} is better]"
              if indicator.polarity in ("higher", "lower") else f"{indicator.id:34} {indicator.name} [{indicator.unit}]")
        print(f"{'':34} {len(rows)} values: {where}")
    unmatched = values[values["indicator"].isna() & (values["source"] != "official")]["label"].nunique()
    print(f"\n{unmatched} more labels in the papers are outside the catalogue: "
          "`assistant indicators show WORDS` finds them by their own text.")
    return 0


def _indicators_show(args, settings: Settings) -> int:
    tools = _tools(settings)
    matches = tools.find_indicators(args.indicator, args.council)
    target = args.indicator if args.indicator in tools.catalogue.by_id else (matches[0].id if matches else args.indicator)
    entry = tools.catalogue.get(target)
    shown = 0
    for indicator in [target] + list(entry.includes if entry else []):
        shown += _show_series(tools, indicator, args)
    if not shown:
        print("  no values" + (f" for {args.council}" if args.council else "") +
              (f"; other matches: {', '.join(m.id for m in matches[1:4])}" if len(matches) > 1 else ""))
        return 1
    return 0


def _show_series(tools, indicator: str, args) -> int:
    """Print one indicator's series per council with sources; returns how many values it printed."""
    from .answers import format_value

    councils = [args.council] if args.council else tools.series_councils(indicator)
    print(f"{tools.name(indicator)} ({indicator})")
    shown = 0
    for council in councils:
        rows = tools.series(indicator, council, area=args.area, measure=args.measure)
        unusable = tools.unusable(indicator, council)
        if rows.empty and not unusable:
            continue
        print(f"  {council}:")
        for row in rows.to_dict("records"):
            where = f"{row['document']}" + (f" p.{row['page']}" if row.get("page") else "") + f" line {row['line']}"
            flag = "  (sources disagree for this period)" if row["conflict"] else ""
            print(f"    {row['period']:>12}  {format_value(row):>14}  {where}{flag}")
            shown += 1
        for row in unusable:
            print(f"    {row['period']:>12}  {row['value_text']:>14}  not used: {row['status']}"
                  f"{' - ' + row['note'] if row.get('note') else ''} ({row['document']} line {row['line']})")
    return shown


def _indicators_tables(args, settings: Settings) -> int:
    tools = _tools(settings)
    if args.show:
        print(tools.table(args.show).to_string(index=False, max_colwidth=40))
        return 0
    tables = sorted(tools.store.tables(args.document), key=lambda t: (t.document, t.line_start))
    if not tables:
        print(f"No tables from a paper named like '{args.document}' (see `assistant status`).")
        return 1
    values = tools.store.values()
    counts = values["table_id"].value_counts()
    for table in tables:
        where = (f"p.{table.page} " if table.page else "") + f"lines {table.line_start}-{table.line_end}"
        print(f"{table.id}  {where}  {len(table.rows)} rows, {int(counts.get(table.id, 0))} values  {table.title}")
    return 0


def _filters(args):
    from .search import Filters

    dates = {}
    for name in ("since", "until"):
        value = getattr(args, name)
        dates[name] = (parse_date(value) or parse_date(f"1 Jan {value}") if value else None)
        if value and not dates[name]:
            raise SystemExit(f"error: cannot read the date '{value}'")
    return Filters(council=args.council, committee=args.committee, document=args.document, **dates)


def _searcher(settings: Settings):
    from .embeddings import Embedder
    from .index import PaperIndex
    from .search import Searcher

    return Searcher(PaperIndex(settings), Embedder(settings.embedding_model, settings.embed_batch_size))


def _search(args, settings: Settings) -> int:
    searcher = _searcher(settings)
    if not searcher.index.documents():
        print("The index is empty: run `assistant ingest` first.", file=sys.stderr)
        return 1
    hits = searcher.search(args.query, k=args.k, filters=_filters(args), mode=args.mode)
    if not hits:
        print("No passage matches (check the filters: `assistant status` lists the documents).")
    _print_hits(hits)
    return 0


def _print_hits(hits) -> None:
    for rank, hit in enumerate(hits, start=1):
        meta = hit.metadata
        similarity = f", similarity {hit.similarity:.2f}" if hit.similarity is not None else ""
        print(f"{rank}. {meta['document']} ({hit.location}) score {hit.score:.4f}{similarity}")
        context = [meta.get("council"), meta.get("committee"), meta.get("meeting_date")]
        print(f"   {' | '.join(c for c in context if c)}")
        if meta.get("agenda_item"):
            print(f"   agenda item {meta['agenda_item']}: {meta.get('agenda_title', '')}")
        if meta.get("heading"):
            print(f"   section: {meta['heading']}")
        body = " ".join(hit.text.split())
        print(textwrap.indent(textwrap.fill(body[:400] + ("…" if len(body) > 400 else ""), 96), "   "))
        print()


def _status(args, settings: Settings) -> int:
    from .index import PaperIndex
    from .store import IndicatorStore

    index = PaperIndex(settings)
    records = index.documents()
    info = index.info()
    print(f"index: {index.location}")
    print(f"model: {info.get('model', settings.embedding_model)}")
    print(f"documents: {len(records)}, chunks: {sum(r.chunks for r in records.values())}, "
          f"tables: {sum(r.tables for r in records.values())}")
    print(f"last ingest: {info.get('last_ingest', 'never')}")
    store = IndicatorStore(settings).info()
    statistics = IndicatorStore(settings).statistics_info()
    print(f"indicator values: {store['values']} from {store['tables']} tables and prose "
          f"({store['indicators']} catalogue indicators); official statistics: "
          + (f"{store['official_values']} values from {len(statistics['files'])} files in {statistics['folder']}"
             if statistics else "none loaded (`assistant ingest --statistics DIR`)"))
    for record in sorted(records.values(), key=lambda r: (r.meta.get("council") or "", r.meta.get("meeting_date") or "")):
        meta = record.meta
        print(f"  {record.name}: {meta.get('council')} | {meta.get('committee')} | {meta.get('meeting_date')} | "
              f"{meta.get('document_type')} | {record.chunks} chunks")
    return 0


def _assistant(settings: Settings):
    from .assistant import Assistant

    return Assistant.load(settings)


def _print_answer(answer) -> None:
    print(answer.text)
    if answer.citations:
        print("\nSources:")
    for citation in answer.citations:
        context = " | ".join(c for c in (citation.council, citation.committee, citation.meeting_date) if c)
        print(f"[{citation.n}] {citation.document} ({citation.location}){' - ' + context if context else ''}")
        if citation.section:
            print(f"     {citation.section[:120]}")
        print(f"     “{textwrap.shorten(citation.quote, 220)}”")


def _ask(args, settings: Settings) -> int:
    import json

    if not args.question and not args.questions:
        raise SystemExit("error: give a question, or --questions IN.jsonl")
    assistant = _assistant(settings)
    filters = _filters(args)
    if args.questions:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
        try:
            with open(args.questions, encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    item = json.loads(line)
                    answer = assistant.ask(item["question"], history=item.get("history"), filters=filters)
                    out.write(json.dumps(answer.to_json(item.get("id", number)), ensure_ascii=False) + "\n")
                    out.flush()
        finally:
            if out is not sys.stdout:
                out.close()
        return 0
    answer = assistant.ask(args.question, filters=filters)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=1))
    else:
        _print_answer(answer)
    return 0 if answer.answerable else 3


def _evaluate(args, settings: Settings) -> int:
    """Run the gold set through the JSON interface and score it; exit 1 when --compare finds a
    question that got worse."""
    import json

    from . import evaluation

    questions = evaluation.load_questions(args.questions)
    if args.split:
        questions = [q for q in questions if q.get("split", "dev") == args.split]
    previous = json.loads(Path(args.compare).read_text(encoding="utf-8")) if args.compare else None
    assistant = _assistant(settings)

    def progress(done: int, total: int) -> None:
        print(f"\ranswered {done}/{total}", end="", file=sys.stderr, flush=True)

    answers = evaluation.run(lambda question: assistant.ask(question).to_json(), questions, progress)
    print(file=sys.stderr)
    current = evaluation.report(questions, answers)
    worse = evaluation.regressions(current, previous) if previous else None
    evaluation.write(current, answers, Path(args.out), worse)
    print(evaluation.markdown(current, failures=False).rstrip())
    print(f"\nwrote {Path(args.out) / 'report.md'}, report.json and answers.jsonl")
    if worse:
        print(f"{len(worse)} questions got worse:\n" + "\n".join(f"  {line}" for line in worse))
    return 1 if worse else 0


def _brief(args, settings: Settings) -> int:
    from .briefing import brief

    text = brief(_assistant(settings), args.topic, args.council).markdown()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def _chat(args, settings: Settings, assistant=None) -> int:
    assistant = assistant or _assistant(settings)
    filters = _filters(args) if hasattr(args, "council") else None
    history: list[dict] = []
    print("Ask about the committee papers (an empty line ends). Follow-ups such as 'and in Norfolk?' work.")
    while True:
        try:
            question = input("you> ").strip()
        except EOFError:
            break
        if not question:
            break
        answer = assistant.ask(question, history=history, filters=filters)
        _print_answer(answer)
        print()
        history.append({"question": question, "context": answer.context})
    return 0


def _demo(args, settings: Settings) -> int:
    from .assistant import Assistant
    from .embeddings import Embedder
    from .ingest import Ingester

    embedder = Embedder(settings.embedding_model, settings.embed_batch_size)
    ingester = Ingester(settings, embedder=embedder)
    summary = ingester.run([settings.corpus_dir])
    print(summary.describe())
    if settings.statistics_dir and not ingester.store.statistics_info():
        _load_statistics(ingester.store, settings.statistics_dir)
    print()
    assistant = Assistant.load(settings, embedder=embedder)
    for question in DEMO_QUESTIONS:
        print(f"== {question}")
        _print_answer(assistant.ask(question))
        print()
    if not sys.stdin.isatty():
        return 0
    return _chat(args, settings, assistant)


if __name__ == "__main__":
    sys.exit(main())
