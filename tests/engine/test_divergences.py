"""Divergences: sentence pairs that must, and must not, yield one, per kind.

Each case is two short articles that report the same event; the engine aligns them itself, so a
case exercises the whole pipeline (alignment, entities, divergences) as a user would.
"""

import pytest

from twofold.engine.compare import compare
from twofold.engine.divergences.people import title_words, titles_differ
from twofold.engine.load import parse_text
from twofold.engine.model import Comparison

HEAD_L = "Port strike ends after talks"
HEAD_R = "Dock workers return to work"


def run(left: str, right: str) -> Comparison:
    return compare(parse_text(f"{HEAD_L}\n{left}", path="left.txt"),
                   parse_text(f"{HEAD_R}\n{right}", path="right.txt"))


def kinds(result: Comparison) -> list[str]:
    return [d.kind for d in result.divergences]


MUST = [
    ("number",
     "The company said 1,200 workers walked out at the Rotterdam terminal on Monday.",
     "The company said 800 workers walked out at the Rotterdam terminal on Monday."),
    ("number",
     "The union demanded a pay rise of 8 percent for all dock workers in Rotterdam.",
     "The union demanded a pay rise of 5 percent for all dock workers in Rotterdam."),
    # a count written with "the", its noun after a compound name
    ("number",
     "Managers met the two Rotterdam port security officers who were hurt in the clashes.",
     "Managers met the four Rotterdam port security officers who were hurt in the clashes."),
    # the same statement reworded: each names what it counts its own way
    ("number",
     "The letter signed by the 42 members of the dockers' union was sent to the port "
     "authority on Monday.",
     "A letter signed by all 126 union dockers was sent to the port authority on Monday."),
    ("number",
     "The union said 90-plus percent of those pictures showed workers from the night shift.",
     "The union said 60 percent of them showed workers from the night shift."),
    # the other amount of both sentences agrees: the lone counts state one fact, however each
    # outlet names who is counted
    ("number",
     "In a speech on Saturday, the mayor offered the unions a one-year freeze of rents for 700 "
     "harbour permit holders, in exchange for the $4 million he wants for a sea wall.",
     "Facing anger over the strike, the mayor changed course on Saturday and proposed a deal: "
     "cheaper housing for roughly 2,100 young dock workers in exchange for $4 million in funding "
     "for a wall."),
    # "two more of the devices" counts devices, another set than the bare figure, like "additional"
    ("number",
     "Police said on Monday that they had found two more of the explosive devices near the "
     "container terminal.",
     "Police said on Monday that they had found five additional devices near the container "
     "terminal."),
    # the one figure of the same counted noun ("thirds") on each side, in loose paraphrase
    ("number",
     "Asked about the 63 dockers who voted against the deal, Vermeulen said he got two-thirds of "
     "the vote.",
     "Vermeulen told reporters afterwards that he was thrilled by the support and had correctly "
     "predicted three-thirds of the vote."),
    ("date",
     "Dock workers in Rotterdam walked out on Monday after talks with the port authority failed.",
     "Dock workers in Rotterdam walked out on Tuesday after talks with the port authority failed."),
    # one statement dated by two reporting verbs of one speaker: the same statement
    ("date",
     "All married dock workers will be taxed alike, even in towns that do not recognise their "
     "union, the Finance Ministry and the tax office said Thursday.",
     "The Finance Ministry announced Tuesday that when it comes to taxes, it will treat all "
     "married dock workers alike even if they live in a town that does not."),
    # one surname, unrelated given names, each article naming only its own: another person
    ("spelling",
     "Representative Maria Lopez won the race for deputy harbour chair on Monday, defeating "
     "fellow councillor Anna Bakker.",
     "In a narrow vote on Monday, Representative Carmen T. López of Rotterdam defeated another "
     "councillor, Anna Bakker, to become deputy harbour chair."),
    # another organisation between the same words
    ("other",
     "The harbour master told a Reuters reporter on Monday that the terminal would reopen next "
     "week.",
     "The harbour master told an Associated Press reporter on Monday that the terminal would "
     "reopen next week."),
    # in paraphrase: the one place each sentence gives the same meeting
    ("place",
     "The harbour master said he had misspoken at a 2019 meeting in Antwerp about the strike.",
     "In an interview on Monday, the harbour master said that he had misspoken about the strike "
     "during the Rotterdam meeting."),
    ("spelling",
     "Union leader Jan Vermeulen told reporters the strike at the Rotterdam port was over.",
     "Union leader Jan Vermeulan told reporters the strike at the Rotterdam port was over."),
    ("attribution",
     "Port authority spokesman Pieter de Groot said the terminal would reopen on Wednesday "
     "after the agreement.",
     "Transport Minister Anna Bakker said the terminal would reopen on Wednesday after the "
     "agreement."),
    ("other",  # a release stands against a later stage of the case
     "Jan Vermeulen was released on Monday after the attack on the Rotterdam port office.",
     "Jan Vermeulen was charged on Monday after the attack on the Rotterdam port office."),
    ("other",
     "The port authority decided to suspend the contract with the shipping company last week.",
     "The port authority decided to cancel the contract with the shipping company last week."),
    ("number",
     "The union leader said there was a one-in-three chance the strike would resume in May.",
     "The union leader said there was a one-in-five chance the strike would resume in May."),
    ("quote",
     "Vermeulen said: “We have won a fair deal for every worker in this port today.”",
     "Vermeulen said: “We have won a fair agreement for all the workers in this port.”"),
    # one letter, but another word: "not" / "now" is no slip
    ("quote",
     "Vermeulen said: “The workers of this port are not ready to accept the deal on the table.”",
     "Vermeulen said: “The workers of this port are now ready to accept the deal on the table.”"),
    # a figure converted into other units, and wrongly so
    ("number",
     "The storm hit the coast 35 kilometers south of Rotterdam on Monday, the port said.",
     "The storm hit the coast 30 miles south of Rotterdam on Monday, the port said."),
    # a total held now and one held then: one fact at two times
    ("number",
     "The dockers' union in Rotterdam has 4,500 members, Vermeulen said on Monday.",
     "The dockers' union in Rotterdam had 3,900 members, Vermeulen said on Monday."),
    # two tolls of one place, named two ways
    ("number",
     "The bomb at the Rotterdam port killed 30 people in Rotterdam on Monday, police said.",
     "The bomb at the Rotterdam port killed 25 people in the city on Monday, police said."),
    # a town the gazetteer does not know, spelled two ways
    ("spelling",
     "The quake struck 55 kilometers west of the town of Bireuen on Tuesday, the agency said.",
     "The quake struck 55 kilometers west of the town of Bireun on Tuesday, the agency said."),
    # two ranks of one post named two ways, beside a rank of another post
    ("number",
     "Vermeulen kept the No. 2 job in the dockers' union, and Bakker remained in the No. 3 "
     "position of treasurer.",
     "The dockers' union re-elected Vermeulen to the No. 4 position, and Bakker to the No. 3 "
     "spot of treasurer."),
    # the day an interview was published is a day of the story, not the page's stamp
    ("date",
     "“We will not give in,” Vermeulen told the Rotterdam daily in an interview published "
     "Sunday.",
     "“We will not give in,” Vermeulen told the Rotterdam daily in an interview published "
     "Monday."),
    # a line that is nothing but a day is still a day of the story
    ("date",
     "The dockers' strike at the Rotterdam port ended after a week.\nIt was Tuesday, March 12.",
     "The dockers' strike at the Rotterdam port ended after a week.\nIt was Friday, March 15."),
    # two ranks, as two ranks
    ("number",
     "Vermeulen, the No. 2 official of the dockers' union, spoke in Rotterdam on Monday.",
     "Vermeulen, the No. 4 official of the dockers' union, spoke in Rotterdam on Monday."),
    # one place in a series on both sides: the same set, counted two ways
    ("number",
     "The union won its first 17 votes at the Rotterdam port before the strike on Monday.",
     "The union won its first 20 votes at the Rotterdam port before the strike on Monday."),
]


@pytest.mark.parametrize(("kind", "left", "right"), MUST, ids=[m[0] for m in MUST])
def test_divergence_is_found(kind: str, left: str, right: str) -> None:
    result = run(left, right)
    assert kind in kinds(result), kinds(result)
    d = next(d for d in result.divergences if d.kind == kind)
    assert result.left.paragraphs[d.left.paragraph].text[d.left.start:d.left.end] == d.left.text
    assert result.right.paragraphs[d.right.paragraph].text[d.right.start:d.right.end] == \
        d.right.text
    assert d.note


MUST_NOT = [
    ("the same odds in words and digits",
     "The union leader said there was a one-in-three chance the strike would resume in May.",
     "The union leader said there was a 1 in 3 chance the strike would resume in May."),
    ("a quotation's numbers in words and in digits",
     "Vermeulen said: “There is a two-in-three chance that we win, and we have won twice.”",
     "Vermeulen said: “There is a 2 in 3 chance that we win, and we have won twice.”"),
    ("the two sides of one split",
     "Vermeulen gave the union a two-in-three chance of winning the vote on the new contract.",
     "Vermeulen said the union had a one-in-three chance of losing the vote on the new contract."),
    ("spelling convention",
     "The port authority canceled the contract with the shipping company in Rotterdam.",
     "The port authority cancelled the contract with the shipping company in Rotterdam."),
    ("short and long name",
     "The United States said the Rotterdam strike had hurt trade with Europe this month.",
     "The US said the Rotterdam strike had hurt trade with Europe this month."),
    ("same figure in words and digits",
     "Two ships were stuck in the Rotterdam harbour during the strike by dock workers.",
     "2 ships were stuck in the Rotterdam harbour during the strike by dock workers."),
    ("same speaker, reworded",
     "Union leader Jan Vermeulen said the strike at the Rotterdam port was over.",
     "The strike at the Rotterdam port is over, union leader Jan Vermeulen told reporters."),
    ("unrelated figures in unrelated passages",
     "The Rotterdam port handled 14 million containers last year according to its annual report.",
     "Local bakeries sold 300 loaves to striking workers outside the gates on the first day."),
    ("abbreviated title",
     "Rep. Anna Bakker said the Rotterdam terminal would reopen after the agreement.",
     "Representative Anna Bakker said the Rotterdam terminal would reopen after the agreement."),
    ("middle initial",
     "Union leader Jan Vermeulen said the strike at the Rotterdam port was over.",
     "Union leader Jan P. Vermeulen said the strike at the Rotterdam port was over."),
    ("party and state before a title",
     "Dutch Labour Rep. Anna Bakker backed the deal that ended the Rotterdam strike.",
     "Rep. Anna Bakker backed the deal that ended the Rotterdam strike on Monday."),
    ("a quote inside the other side's longer quote",
     "Vermeulen said: “We have won a fair deal for every worker in this port today.”",
     "Vermeulen said: “It was a long fight. We have won a fair deal for every worker in this "
     "port today, and we will hold them to it.”"),
    ("a quote differing by a hyphen and an ampersand",
     "Vermeulen said: “The dock-workers and the port have a fair deal for the long term.”",
     "Vermeulen said: “The dock workers & the port have a fair deal for the long term.”"),
    ("a quote cut with an ellipsis",
     "Vermeulen said: “We have won a fair deal … for every worker in this port today.”",
     "Vermeulen said: “We have won a fair deal after two weeks on strike for every worker in "
     "this port today.”"),
    ("different facts that share a type",
     "The port authority paid $4 million in fines to the city after the Rotterdam strike.",
     "The port authority reported $90 million in income from the Rotterdam terminal this year."),
    ("statements by two speakers dated differently",
     "All married dock workers will be taxed alike, even in towns that do not recognise their "
     "union, the dockers' union said Thursday.",
     "The Finance Ministry announced Tuesday that when it comes to taxes, it will treat all "
     "married dock workers alike even if they live in a town that does not."),
    ("two bodies both sentences name, in another order",
     "The deal was signed by the port authority and Maersk on Monday in Rotterdam.",
     "The deal was signed by Maersk and the port authority on Monday in Rotterdam."),
    ("both sentences name both places",
     "The harbour master said he had misspoken at a 2019 meeting in Antwerp about the strike in "
     "Rotterdam.",
     "In an interview on Monday, the harbour master said that he had misspoken about the strike "
     "in Antwerp during the Rotterdam meeting."),
    ("another set counted",
     "Three other workers were hurt at the Rotterdam terminal during the strike on Monday.",
     "Four workers were hurt at the Rotterdam terminal during the strike on Monday."),
    ("a quote word written longer",
     "Vermeulen said: “I do not think it is any worse than the last strike in Rotterdam.”",
     "Vermeulen said: “I do not think it is anything worse than the last strike in Rotterdam.”"),
    ("a member of a body and the post she holds there",
     "Rep. Anna Bakker, who backed the deal, spoke to the Rotterdam strikers on Monday.",
     "House Majority Whip Anna Bakker, who backed the deal, spoke to the Rotterdam strikers on "
     "Monday."),
    ("a contraction spelled out in a quote",
     "Vermeulen said: “We know he's determined to keep every worker in this port on the "
     "payroll.”",
     "Vermeulen said: “We know he is determined to keep every worker in this port on the "
     "payroll.”"),
    ("a spoken form and a starred-out word in a quote",
     "Vermeulen said: “We're gonna fight this damn plan for every worker in this port.”",
     "Vermeulen said: “We're going to fight this d*** plan for every worker in this port.”"),
    ("one party under its short name, with its state",
     "Wisconsin Republican Party chairman Anna Bakker welcomed the Rotterdam deal on Monday.",
     "GOP chairman Anna Bakker welcomed the Rotterdam deal on Monday after the strike."),
    ("a former office beside a present candidacy",
     "Former Rotterdam mayor Anna Bakker, who backed the deal, spoke to the strikers on Monday.",
     "Likely mayoral candidate Anna Bakker, who backed the deal, spoke to the strikers on "
     "Monday."),
    ("an honorific is no title",
     "Port Director Anna Bakker said the Rotterdam terminal would reopen on Monday.",
     "Ms. Bakker said the Rotterdam terminal would reopen on Monday after the agreement."),
    ("two people of one surname, each article naming both",
     "Anna Bakker, the sister of Piet Bakker, led the strike at the Rotterdam port. Piet Bakker "
     "runs the terminal.",
     "Anna Bakker, whose brother Piet Bakker runs the terminal, led the strike at the Rotterdam "
     "port."),
    ("a bare surname does not say which of a family",
     "Anna Bakker cut the ribbon at a new cafe in the city centre on Monday. The Rotterdam strike "
     "ended after Bakker rules on night shifts were dropped by the port.",
     "The Rotterdam strike ended after the rules of harbour master Piet Bakker on night shifts "
     "were dropped by the port."),
    ("an unnamed speaker beside a named one",
     "De Wit said port deputy director Piet Bakker “overruled” the union's strike committee to "
     "remove him.",
     "But Mr. Vermeulen's lawyer said the deputy director of the port, Piet Bakker, had overruled "
     "the strike committee and fired Mr. Vermeulen."),
    ("\"one of\" picks a person out, it counts nothing",
     "The orders came from the port director, Anna Bakker, and from Piet de Wit and Jan "
     "Vermeulen, two senior officials and allies of the mayor.",
     "The orders came from a mayoral ally at the port, Jan Vermeulen, along with one of the "
     "mayor's deputy chiefs of staff, Anna Bakker."),
    ("how one came to an office is no part of it",
     "Dock workers also re-elected Representative Anna Bakker, 77, of Rotterdam as whip, the "
     "union's No. 2 post.",
     "The same people have run the union for years: House Minority Whip Anna Bakker and Jan "
     "Vermeulen, both in their seventies."),
    ("opposite acts of two doers",
     "The city council passed the new harbour plan on Monday, a week after the Rotterdam strike "
     "ended.",
     "Mayor Anna Bakker vetoed the new harbour plan on Monday, a week after the Rotterdam strike "
     "ended."),
    ("opposite acts, no doer named for both",
     "Dock workers hoping to pass the harbour plan before the Rotterdam strike vote were told to "
     "wait.",
     "Port owners vowed to block the harbour plan before the Rotterdam strike vote on Monday."),
    ("two statements of one speaker, on two days",
     "Vermeulen tweeted Saturday that the Rotterdam strike would go on until the port paid up.",
     "The strike will go on, Vermeulen said on Monday, as talks in Rotterdam stalled."),
    ("a quote's initials with and without dots",
     "Vermeulen said: “The workers talked to the F.B.I. Nothing happened to them after the "
     "strike.”",
     "Vermeulen said: “The workers talked to the FBI, nothing happened to them after the "
     "strike.”"),
    ("the other's figure in the same sentence",
     "The police chief said there were six arrests at the Rotterdam terminal on Wednesday, "
     "compared to 47 the previous night.",
     "The police made 47 arrests at the Rotterdam terminal during the strike, the police chief "
     "said."),
    ("a date and its revision, both named by one article",
     "Vermeulen announced on Sunday that he would leave the union board at the end of February.",
     "Vermeulen will now leave the union board on January 1, weeks earlier than he planned, the "
     "union said.\nIn his letter he had said that he would stay on the board until the end of "
     "February."),
    ("words cut from a quotation where the outlet marks the cut",
     "Vermeulen said: “We will fight for every worker in this port, and we will never let you "
     "down. … We will win.”",
     "Vermeulen said: “We will fight for every worker in this port, and the strike will end when "
     "the owners pay. We will win.”"),
    ("'that' or 'it' in one quoted remark",
     "Vermeulen told reporters: “I don't think that's fair to the workers of this port.”",
     "Vermeulen told reporters: “I don't think it's fair to the workers of this port.”"),
    ("two stages of one case",
     "Police arrested Jan Vermeulen on Monday after the attack on the Rotterdam port office.",
     "Jan Vermeulen was charged on Monday after the attack on the Rotterdam port office."),
    ("a set placed in a series against the whole",
     "The union had two chances to settle the dispute with the port authority before the "
     "strike on Monday.",
     "The union had one final chance to settle the dispute with the port authority before the "
     "strike on Monday."),
    ("the first of them against all of them",
     "Vermeulen's union won its first 17 votes at the Rotterdam port before the strike on "
     "Monday.",
     "Vermeulen's union won 29 of 34 votes at the Rotterdam port before the strike on Monday."),
    ("a running total against a count of what happened",
     "Vermeulen has 53 votes for the strike at the Rotterdam port.",
     "Vermeulen won eight votes for the strike at the Rotterdam port."),
    ("a figure converted into other units",
     "The storm hit the coast 35 kilometers south of Rotterdam on Monday, the port said.",
     "The storm hit the coast 22 miles south of Rotterdam on Monday, the port said."),
    ("a rounded conversion of an estimate",
     "The storm hit the coast about 135 kilometers south of Rotterdam on Monday, the port said.",
     "The storm hit the coast about 85 miles south of Rotterdam on Monday, the port said."),
    ("a team and one of its players, read as a person",
     "Jan Vermeulen now has 2,301 career points as a Tar Heel after Monday's game in Rotterdam.",
     "Jan Vermeulen now has 2,301 career points for the Tar Heels after Monday's game in "
     "Rotterdam."),
    ("two of one family, each article naming both",
     "A jury convicted Scott Bakker of murder in the death of his wife, Laci, in Rotterdam on "
     "Monday.",
     "Bakker was convicted of murder for the death of Laci Bakker in Rotterdam on Monday."),
    ("a letter of one quoted word (an ending, or a slip)",
     "Vermeulen said: “Many houses were damages and their owners left the Rotterdam port.”",
     "Vermeulen said: “Many houses were damaged and their owners left the Rotterdam port.”"),
    ("a count of one thing beside a count of another the other sentence also counts",
     "Bakker had 440 yards and four touchdowns receiving for the Rotterdam club on Monday.",
     "Bakker scored six touchdowns on offense and added three more on punt returns."),
    ("an act the other sentence also tells, beside another of its family",
     "Jan Vermeulen was hurt at the Rotterdam port during the strike on Monday.",
     "Jan Vermeulen missed the union meeting at the Rotterdam port because of the injury."),
    ("a city the gazetteer spells two ways",
     "The dockers' union met the port authority in Kiev on Monday to end the strike.",
     "The dockers' union met the port authority in Kyiv on Monday to end the strike."),
    ("one toll said of many places, the other of one",
     "The 2004 tsunami near Rotterdam killed 230,000 people in 14 countries, the agency said.",
     "The 2004 tsunami near Rotterdam killed 170,000 people in the province, the agency said."),
    ("two pages' own time stamps",
     "The dockers' strike at the Rotterdam port ended on Monday, the union said.\n"
     "Posted in Port news on Sunday, March 17, 2013.",
     "The dockers' strike at the Rotterdam port ended on Monday, the union said.\n"
     "Posted in Port news on Thursday, March 14, 2013."),
    ("a number that names a place in a list",
     "The strike closed the No. 5 terminal at the Rotterdam port on Monday.",
     "The strike closed three terminals at the Rotterdam port on Monday."),
    ("a day of another person's happening",
     "Jan Vermeulen resigned from the union board last year amid the Rotterdam inquiry.",
     "Jan Vermeulen's wife, Marie Vermeulen, was a city councillor before she resigned last "
     "month during the Rotterdam inquiry."),
]


@pytest.mark.parametrize(("why", "left", "right"), MUST_NOT, ids=[m[0] for m in MUST_NOT])
def test_no_divergence(why: str, left: str, right: str) -> None:
    assert run(left, right).divergences == (), why


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        (["government spokesman"], ["Government Spokesperson"], False),
        (["Niger's government spokesman"], ["government spokesman"], False),
        (["Col."], ["Colonel"], False),
        (["Deputy Minister of Foreign Affairs"],
         ["Under Secretary of State for African Affairs"], True),
        (["government spokesperson"], ["Colonel", "military spokesperson"], True),
        ([], ["Colonel"], False),
        (["Rep."], ["House Majority Whip"], False),  # a member, and a post of members
        (["Senator"], ["Minority Leader"], False),
        (["Sen."], ["Rep."], True),
        (["RNC Chairman"], ["Mr."], False),  # a courtesy is no office
        (["likely GOP presidential candidate"], ["Former Florida Gov."], False),
        (["Republican presidential nominee"], ["Republican challenger"], False),
        (["Secretary of State"], ["Sen."], True),
        (["Speaker"], ["Senator"], True),  # the Speaker sits in the House
        (["Speaker-designate"], ["Representative"], False),
        (["former Sen."], ["former Gov."], True),  # two past offices still conflict
        (["elected Representative"], ["House Minority Whip"], False),
        (["Deputy Public Defender"], ["defense attorney"], False),  # one role, two names
        (["Assistant District Attorney"], ["Prosecutor"], False),
        (["defense attorney"], ["Prosecutor"], True),
        (["newly confirmed Secretary of State"], ["Sen."], True),
        (["Vice President-elect"], ["Vice President"], False),  # before and after the oath
        (["President-elect"], ["Senator"], True),
    ],
)
def test_titles_differ(a: list[str], b: list[str], differ: bool) -> None:
    assert titles_differ(a, b) is differ


def test_title_words_fold_gender_and_abbreviations() -> None:
    assert title_words("Spokeswoman") == title_words("spokesman") == {"spokesperson"}


def test_a_short_first_name_is_at_most_low() -> None:
    result = run("Union leader David Vermeulen told reporters the strike at the Rotterdam port "
                 "was over.",
                 "Union leader Dave Vermeulen told reporters the strike at the Rotterdam port "
                 "was over.")
    assert [(d.kind, d.severity) for d in result.divergences] == [("spelling", 0)]


def test_quote_spans_leave_the_quote_marks_out() -> None:
    # the list and the exports print a span between their own quote marks: never doubled
    result = run("Vermeulen said: “We have won a fair deal for every worker in this port today.”",
                 "Vermeulen said: “We have won a fair agreement for all the workers in this "
                 "port.”")
    quotes = [d for d in result.divergences if d.kind == "quote"]
    assert quotes
    for d in quotes:
        for text in (d.left.text, d.right.text):
            assert text.strip() == text
            assert text[0] not in "“”\"'‘’" and text[-1] not in "“”\"'‘’", text


def test_every_divergence_carries_a_confidence() -> None:
    result = run("The company said 1,200 workers walked out at the Rotterdam terminal on Monday.",
                 "The company said 800 workers walked out at the Rotterdam terminal on Monday.")
    assert result.divergences
    assert all(0.0 < d.confidence <= 1.0 for d in result.divergences)


def test_divergences_come_by_severity_then_confidence() -> None:
    result = run(
        "The company said 1,200 workers walked out at the Rotterdam terminal on Monday.",
        "The company said 800 workers walked out at the Rotterdam terminal on Tuesday.",
    )
    assert {"number", "date"} <= set(kinds(result))
    order = [(-d.severity, -d.confidence) for d in result.divergences]
    assert order == sorted(order)


def test_an_article_compared_with_itself_has_no_divergences() -> None:
    # Found by tests/engine/test_properties.py: two different sentences of one paragraph were
    # paired with each other and reported as the article disagreeing with itself.
    article = parse_text("The US has 1,000 troops in Niger. About 650 US troops are in Niger.",
                         path="same.txt")
    assert compare(article, article).divergences == ()


def test_a_sentence_both_articles_print_is_not_set_against_another() -> None:
    shared = "The US has 1,000 troops in Niger."
    left = parse_text(f"{HEAD_L}\n{shared} The base cost 100 million dollars.", path="l.txt")
    right = parse_text(f"{HEAD_R}\n{shared} About 650 US troops are in Niger.", path="r.txt")
    assert [d for d in compare(left, right).divergences if d.kind == "number"] == []


def test_like_remarks_credited_to_two_named_people_are_two_remarks() -> None:
    from twofold.engine.divergences.quotes import quotations, same_remarks

    def quoted(text: str) -> list:  # type: ignore[type-arg]
        return quotations(parse_text(f"{HEAD_L}\n{text}", path="a.txt"))

    vermeulen = quoted("“It is a power grab on behalf of every worker,” said Jan Vermeulen.")
    bakker = quoted("“It is a power grab for all the workers,” port director Anna Bakker said.")
    again = quoted("Vermeulen added: “It is a power grab on behalf of all the workers.”")
    assert [q.speaker for q in (*vermeulen, *bakker, *again)] == [
        "Jan Vermeulen", "Anna Bakker", "Vermeulen"]
    assert same_remarks(vermeulen, bakker) == []
    assert len(same_remarks(vermeulen, again)) == 1  # one speaker: one remark, reworded


def test_a_title_case_headline_shows_a_given_name_only_when_the_name_lists_know_it() -> None:
    """"Latest to Chide Ryan": a verb before a surname in a headline that capitalises every word
    is no first name, so it cannot make "another person" of Paul Ryan."""
    from types import SimpleNamespace

    from twofold.engine.divergences.people import _given_name_read
    from twofold.engine.nlp import load_nlp

    def side(text: str) -> SimpleNamespace:
        return SimpleNamespace(sent=next(iter(load_nlp()(text).sents)))

    assert not _given_name_read(side("Harbour Pilots Latest to Chide Ryan"), "Chide Ryan")
    assert _given_name_read(side("Harbour Pilots Latest to Criticise Paul Ryan"), "Paul Ryan")
    assert _given_name_read(side("The harbour pilots wrote to Chide Ryan on Monday."),
                            "Chide Ryan")


def test_figures_of_two_things_are_two_facts() -> None:
    """"$1.3 million for safety training" / "$5.7 million for the proposed crane": sums for two
    things, however loosely their sentences match; a group named two ways is one group."""
    from twofold.engine.divergences.amounts import amounts
    from twofold.engine.divergences.facts import _measure_differs
    from twofold.engine.divergences.pairs import SentencePair, _side
    from twofold.engine.entities.figures import date_spans, figure_spans
    from twofold.engine.nlp import load_nlp

    def side(text: str):  # type: ignore[no-untyped-def]
        doc = load_nlp()(text)
        bounds = (tuple(t.idx for t in doc), tuple(t.idx + len(t.text) for t in doc), doc.text)
        return _side(0, next(iter(doc.sents)), {}, figure_spans(doc), date_spans(doc), bounds)

    def differ(left: str, right: str) -> bool:
        a, b = side(left), side(right)
        return _measure_differs(SentencePair(a, b, 0.2), amounts(a)[0], amounts(b)[0])

    assert differ("The union countered with $1.3 million for general port security.",
                  "The owners' plan included $5.7 million for the proposed port crane.")
    assert differ("Two of the port officials said he would likely be charged.",
                  "He has been charged with five federal crimes.")
    assert not differ("A group of nearly 90 professors and administrators signed it.",
                      "Nearly 270 Rotterdam University faculty and administrators signed.")
    assert not differ("The owners offered $5 million for the new crane.",
                      "The owners put $7 million toward a new crane.")


def test_a_count_among_many_counts_of_one_thing_needs_one_statement_reworded() -> None:
    """A story giving four or more different yardages lists them: one of them against the
    other article's is seldom one fact, unless the two sentences are one statement reworded."""
    from twofold.engine.divergences.finder import _one_of_many
    from twofold.engine.model import Divergence, Span
    from twofold.engine.nlp import load_nlp

    def docs(*texts: str) -> list:  # type: ignore[type-arg]
        return [load_nlp()(t) for t in texts]

    def span(text: str, part: str, paragraph: int = 0) -> Span:
        return Span(paragraph, text.index(part), text.index(part) + len(part), part)

    one = "Vermeulen ran for 205 yards as Rotterdam won."
    more = "Bakker added 80 yards, de Groot 32 yards and Jansen 41 yards."
    other = "The defence held Ajax to 226 yards."

    def listed(left: list[str], confidence: float) -> bool:
        d = Divergence("number", span(one, "205 yards"), span(other, "226 yards"),
                       "The count of yards differs", 1, confidence)
        return _one_of_many(docs(*left), docs(other))(d)

    assert listed([one, more], 0.6)
    assert not listed([one, more], 0.8), "one statement reworded"
    assert not listed([one], 0.6), "the article's only yardage"


def test_harm_in_loosely_matched_sentences_needs_one_named_victim() -> None:
    """"killed" / "wounded" in two sentences on one shooting are said of different victims,
    unless one person is named in both or the sentences are one statement reworded."""
    from twofold.engine.divergences.finder import _actions, _PerSentence
    from twofold.engine.divergences.pairs import SentencePair, _side
    from twofold.engine.entities.figures import date_spans, figure_spans
    from twofold.engine.nlp import load_nlp

    def side(text: str):  # type: ignore[no-untyped-def]
        doc = load_nlp()(text)
        bounds = (tuple(t.idx for t in doc), tuple(t.idx + len(t.text) for t in doc), doc.text)
        return _side(0, next(iter(doc.sents)), {}, figure_spans(doc), date_spans(doc), bounds)

    def acts(left: str, right: str, overlap: float) -> list[str]:
        pair = SentencePair(side(left), side(right), overlap)
        return [d.note for _, d in _actions(pair, _PerSentence())]

    unnamed = ("The gunman killed a guard at the Rotterdam port office.",
               "Two dock workers were wounded at the Rotterdam port office.")
    named = ("The gunman killed dock worker Jan Vermeulen at the Rotterdam port office.",
             "Dock worker Jan Vermeulen was wounded at the Rotterdam port office.")
    assert acts(*unnamed, 0.3) == []
    assert acts(*unnamed, 0.9), "one statement reworded"
    assert acts(*named, 0.3), "one named victim"


def test_figures_of_what_two_named_people_did_are_two_facts() -> None:
    """"Jan Vermeulen completed 28 passes" / "Pieter Bakker completed 17 passes": two players'
    counts in one game, not one count given twice; one person's two counts still differ."""
    shared = "Rotterdam beat Ajax 31-24 on Sunday to reach the cup final before a full stadium."
    two = run(f"{shared}\nJan Vermeulen completed 28 passes for the visitors before the break.",
              f"{shared}\nPieter Bakker completed 17 passes for the visitors before the break.")
    assert "number" not in kinds(two)
    one = run(f"{shared}\nJan Vermeulen completed 28 passes for the visitors before the break.",
              f"{shared}\nJan Vermeulen completed 17 passes for the visitors before the break.")
    assert "number" in kinds(one)


_GAME = "Rotterdam beat Ajax in the cup final on Sunday before a full stadium.\n"
_OATH = "Chief Justice Roberts administered the {}-word oath to the new mayor at noon."


@pytest.mark.parametrize(("left", "right", "differs"), [
    # a score is two numbers, not a count of points
    (_GAME + "Rotterdam scored 17 unanswered points in the fourth quarter.",
     _GAME + "Rotterdam overcame a 24-14 deficit in the fourth quarter.", False),
    # "a 41-yard pass" sizes the pass: not the yards a quarterback threw for in all
    (_GAME + "Vermeulen then threw a 41-yard touchdown pass to Bakker.",
     _GAME + "Vermeulen threw for 364 yards and a touchdown to Bakker.", False),
    # nor the yards of a return, though the other sentence names a pass
    (_GAME + "Bakker caught a one-yard touchdown pass with 12 minutes left.",
     _GAME + "Bakker intercepted a pass and returned it 35 yards for a touchdown.", False),
    # one thing sized differently
    (_GAME + _OATH.format(35), _GAME + _OATH.format(38), True),
    # a fraction of a majority is a share, not a size
    ("The council needs two-thirds of its members to override the mayor's veto.",
     "The council needs a three-fourths majority to override the mayor's veto.", True),
    # a range holds the figures inside it, not those outside
    (_GAME + "Police said 2,000 to 3,000 fans marched to the stadium.",
     _GAME + "Police said 9,000 fans marched to the stadium.", True),
])
def test_scores_sizes_and_ranges(left: str, right: str, differs: bool) -> None:
    assert ("number" in kinds(run(left, right))) == differs


def test_a_figure_inside_a_range_is_at_most_less_precise() -> None:
    inside = run(_GAME + "Police said 2,000 to 3,000 fans marched to the stadium.",
                 _GAME + "Police said 2,500 fans marched to the stadium.")
    assert [d.severity for d in inside.divergences if d.kind == "number"] in ([], [0])


@pytest.mark.parametrize(("right", "severities"), [
    ("10 kilometres (6.2 miles)", [0]),  # the other's figure, rounded: less precise
    ("10 kilometres (6.6 miles)", [1, 2]),  # 6.6 rounds to 7, not 6
    ("10 kilometres (7.2 miles)", [1, 2]),
])
def test_a_figure_that_is_the_other_rounded_is_at_most_less_precise(
        right: str, severities: list[int]) -> None:
    result = run("The quake struck at a depth of 10 kilometers (6 miles) under Rotterdam on "
                 "Monday, the geological survey said.",
                 f"The quake struck at a depth of {right} under Rotterdam on Monday, the "
                 "geological survey said.")
    found = [d.severity for d in result.divergences if d.kind == "number"]
    assert len(found) == 1 and found[0] in severities, found


def test_counts_of_victims_of_two_different_acts_are_two_facts() -> None:
    """"killed at least five people" / "injured at least 40 people": neither the counts nor the
    acts are one fact told two ways; "killed five" / "killed 40" still is."""
    quake = "A strong earthquake struck Aceh province on Tuesday morning, officials said."
    killed = "The quake killed at least five people in the town of Bireuen, officials said."
    injured = "The quake injured at least 40 people in the town of Bireuen, officials said."
    assert run(f"{quake}\n{killed}", f"{quake}\n{injured}").divergences == ()
    same_act = run(f"{quake}\n{killed}", f"{quake}\n{injured.replace('injured', 'killed')}")
    assert kinds(same_act) == ["number"]
    same_count = run(f"{quake}\n{killed}", f"{quake}\n{killed.replace('killed', 'injured')}")
    assert kinds(same_count) == ["other"], "five killed or five injured: one fact, two accounts"


def test_a_sentence_states_its_fact_with_its_best_partner_not_its_echoes() -> None:
    """Each team's points sentence has a near copy on the other side; set against the other
    team's sentence (which shares "scored points in the quarter of the final on Sunday") it is
    an echo of the story's wording, not the same fact with another figure."""
    left = ("Rotterdam scored 17 points in the fourth quarter on Sunday to win the cup final.\n"
            "Ajax had scored 10 points in the first quarter of the cup final on Sunday.")
    right = ("Rotterdam scored 17 points in the fourth quarter on Sunday to take the cup final.\n"
             "Ajax scored 10 points in the first quarter of the final on Sunday.")
    assert run(left, right).divergences == ()
    changed = run(left, right.replace("17 points", "24 points"))
    assert ("17 points", "24 points") in [(d.left.text, d.right.text)
                                          for d in changed.divergences], "its best partner"


def test_a_figure_its_best_partner_gives_alike_is_settled() -> None:
    """"Ajax had scored 10 points" has its near copy on the other side, with 10 points too: set
    against the other team's sentence, whose figure changed, it is no second divergence."""
    left = ("Rotterdam scored 17 points in the fourth quarter on Sunday to win the cup final.\n"
            "Ajax had scored 10 points in the first quarter of the cup final on Sunday.")
    right = ("Rotterdam scored 24 points in the fourth quarter on Sunday to take the cup final.\n"
             "Ajax scored 10 points in the first quarter of the final on Sunday.")
    assert [(d.left.text, d.right.text) for d in run(left, right).divergences] == [
        ("17 points", "24 points")]


@pytest.mark.parametrize(("right", "differs"), [
    # the same sentence with another count: one fact told two ways
    ("A powerful earthquake struck the port town on Sunday, killing six people.", True),
    # a past disaster's toll in a sentence about the quake is another fact
    ("A powerful earthquake struck the port town, which a tsunami struck in 2004, killing "
     "168,000 people.", True),  # the count hangs from the quake's clause: still one fact
    ("A powerful earthquake struck the port town on Sunday, like the tsunami that killed "
     "168,000 people there in 2004.", False),
    ("The port town was struck by a powerful earthquake in 2004, killing 168,000 people.", False),
])
def test_figures_of_happenings_dated_apart_are_two_facts(right: str, differs: bool) -> None:
    """"killing four people on Sunday" / "the tsunami that killed 168,000 people in 2004": the
    dates of what each figure counts tell two happenings apart; a day of this week is not a
    past year."""
    left = "A powerful earthquake struck the port town on Sunday, killing four people."
    result = run(f"Quake hits the port town\n{left}", f"Quake hits the port town\n{right}")
    assert ("number" in kinds(result)) == differs


def test_a_clause_set_at_another_time_does_not_take_the_main_clauses_date() -> None:
    """"rattled the province Wednesday, days after a quake killed one person": the toll is the
    earlier quake's, whose day the sentence does not give; against "killing four people on
    Sunday" it is one fact told two ways."""
    left = "A powerful earthquake struck the port town on Sunday, killing four people."
    right = ("A new quake rattled the port town on Wednesday, just days after a powerful "
             "earthquake struck it and killed one person.")
    result = run(f"Quake hits the port town\n{left}", f"Quake hits the port town\n{right}")
    assert "number" in kinds(result)


@pytest.mark.parametrize(("right", "differs"), [
    ("Vermeulen scored 31 points as Rotterdam beat Ajax 88-80 on Sunday.", True),
    ("Vermeulen had five points during a 15-2 run as Rotterdam beat Ajax 88-80 on Sunday.",
     False),
    ("Vermeulen scored 12 points in the first half as Rotterdam beat Ajax 88-80 on Sunday.",
     False),
])
def test_a_figure_of_a_stretch_of_the_game_is_not_the_games(right: str, differs: bool) -> None:
    """"scored 23 points" / "had five points during a 15-2 run": a whole and a part of it."""
    left = "Vermeulen scored 23 points as Rotterdam beat Ajax 88-80 on Sunday."
    result = run(f"Rotterdam beat Ajax\n{left}", f"Rotterdam beat Ajax\n{right}")
    assert ("number" in kinds(result)) == differs


def test_acts_dated_in_two_years_are_two_happenings() -> None:
    """"In 2013, the president removed the general" / "the general resigned on Thursday": two
    happenings years apart, not one told with two actions; on one day they are one."""
    right = "The general resigned from his post at the command on Thursday."
    years = run("The general leaves\nIn 2013, the president removed the general from his post "
                "at the command.", f"The general leaves\n{right}")
    assert "other" not in kinds(years)
    days = run("The general leaves\nOn Thursday, the president removed the general from his "
               "post at the command.", f"The general leaves\n{right}")
    assert "other" in kinds(days)


@pytest.mark.parametrize(("right", "reported"), [
    ("Mike Bloomberg endorsed Hillary Clinton at the convention on Wednesday.", True),
    ("Bloomberg endorsed Hillary Clinton at the convention on Wednesday. Trump once praised "
     "him: “Mike Bloomberg is doing a great job as mayor of New York City,” he wrote.", False),
])
def test_a_short_first_name_someone_is_quoted_saying_is_not_the_outlets(
        right: str, reported: bool) -> None:
    left = "Michael Bloomberg endorsed Hillary Clinton at the convention on Wednesday."
    result = run(f"Bloomberg backs Clinton\n{left}", f"Bloomberg backs Clinton\n{right}")
    found = [d for d in result.divergences if d.note.startswith("A short form")]
    assert bool(found) == reported



@pytest.mark.parametrize(("right", "differs"), [
    (_GAME + "Vermeulen threw a one-yard touchdown pass to Pieter Bakker in the third quarter.",
     False),
    (_GAME + "Vermeulen threw a 14-yard touchdown pass to Kees Jansen in the third quarter.",
     True),
])
def test_sized_things_given_to_two_people_are_two_things(right: str, differs: bool) -> None:
    """"a 41-yard touchdown pass to Reggie Wayne" / "a one-yard touchdown pass to Dallas Clark":
    two passes to two receivers; one receiver's pass sized twice is one pass."""
    left = _GAME + "Vermeulen threw a 41-yard touchdown pass to Kees Jansen in the third quarter."
    assert ("number" in kinds(run(left, right))) == differs


def test_a_sized_thing_named_with_its_receiver_is_given_to_them() -> None:
    """"Manning's one-yard touchdown pass to Dallas Clark": the "to" of the pass itself."""
    line = _GAME + "Vermeulen's {}-yard touchdown pass to {} gave Rotterdam the lead late on."
    two = run(line.format(41, "Kees Jansen"), line.format("one", "Pieter Bakker"))
    assert "number" not in kinds(two)


@pytest.mark.parametrize(("right", "differs"), [
    (_GAME + "Vermeulen completed 28 of 41 passes for 329 yards and a touchdown.", False),
    (_GAME + "Vermeulen, who completed 28 passes for 329 yards, ran for five yards to give "
     "Rotterdam a 14-0 lead.", True),
])
def test_figures_left_over_beside_agreed_ones_still_count_one_thing(right: str,
                                                                     differs: bool) -> None:
    """Both sentences give "28 passes" and "329 yards"; what is left, "ran for two yards" and
    "41 passes", counts two things: no disagreement. Two yards against five is one."""
    left = _GAME + ("Vermeulen, who completed 28 passes for 329 yards, ran for two yards to give "
                    "Rotterdam a 14-0 lead.")
    assert ("number" in kinds(run(left, right))) == differs
