"""Status and attribution of an event: asserted, reported, hypothetical, denied, negated,
and who the text says claims it (the speaker of the quotation around it)."""

from __future__ import annotations

import re
from bisect import bisect_right

from lagebild.lexicon import EventLexicon
from lagebild.nlp.arguments import ArgumentFinder
from lagebild.nlp.clauses import Clause, condition_kind
from lagebild.nlp.mentions import ActorMention
from lagebild.nlp.triggers import TriggerMatch
from lagebild.nlp.words import words_of

NOT_NEGATING_NEXT = {"nur", "zuletzt", "mehr", "only"}


class StatusJudge:
    """Decides status and attribution for the triggers of one document."""

    def __init__(self, doc, lex: EventLexicon, finder: ArgumentFinder) -> None:
        self.doc = doc = words_of(doc)
        self.lex = lex
        self.finder = finder
        self.quotes = list(doc._.quotes or [])
        self.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]

    def judge(self, match: TriggerMatch, governing: Clause | None) -> tuple[str, ActorMention |
                                                                             None, list[str]]:
        """Return ``(status, attributed_to, reasons)`` for one trigger."""
        doc, clause, reasons = self.doc, match.clause, []
        words = [doc[k] for k in range(clause.start, clause.end)]
        status = "asserted"
        if match.trigger.denial:
            status = "denied"
            reasons.append("a verb of denial")
        elif self._negated(words, match):
            status = "negated"
            reasons.append("negation in the clause")
        elif clause.opener == "inf" and governing is not None and self._negated(
                [doc[k] for k in range(governing.start, governing.end)], match):
            status = "negated"  # "failed to reach an agreement", "did not agree to meet"
            reasons.append("negation in the clause it depends on")
        elif self._hypothetical(words, match, governing):
            status = "hypothetical"
            reasons.append("modal, planning verb or hypothetical adjective")
        speaker, how = self._attribution(match)
        reported = bool(how) or self._reported(words, match)
        if how:
            reasons.append(how)
        elif reported:
            reasons.append("Konjunktiv or hearsay word")
        if reported and status == "asserted":
            status = "reported"
        if reported and speaker is None:
            # "habe ... besucht, ..., so John Kirby": the speaker next to it
            speaker, how = self._nearby_speaker(match)
            if how:
                reasons.append(how)
        return status, speaker, reasons

    # -- cues -----------------------------------------------------------------------------
    def _negated(self, words, match) -> bool:
        for n, tok in enumerate(words):
            if not self.lex.is_cue("negation", tok.lower_):
                continue
            nxt = words[n + 1].lower_ if n + 1 < len(words) else ""
            if nxt in NOT_NEGATING_NEXT:
                continue
            if match.trigger.pos == "noun" and tok.i > match.i:
                continue
            return True
        return False

    def _hypothetical(self, words, match, governing: Clause | None) -> bool:
        if any(self.lex.is_cue("modal", t.lower_) for t in words):
            return True
        if condition_kind(self.doc, match.clause):
            return True  # "unless the government releases the prisoners": a condition
        # "kündigte die Stationierung von Panzern an": what is announced or planned
        if any(self.lex.is_cue("plan", t.lemma_.lower()) for t in words if t.i != match.i
               and t.i != match.support_i):
            return True
        if match.trigger.pos == "noun":
            before = self.doc[max(match.clause.start, match.i - 3):match.i]
            if any(self.lex.is_cue("hypo_adj", t.lemma_.lower()) or
                   self.lex.is_cue("hypo_adj", t.lower_) for t in before):
                return True
        if governing is not None and match.clause.opener in ("inf", "sub", "coord"):
            gov = [self.doc[k] for k in range(governing.start, governing.end)]
            if any(self.lex.is_cue("plan", t.lemma_.lower()) for t in gov):
                return True
        return False

    def _reported(self, words, match) -> bool:
        if match.trigger.pos == "noun" and match.support_i is None:
            return False  # a noun event is presupposed, not claimed
        return any(self.lex.is_cue("konjunktiv", t.lower_) or self.lex.is_cue("hearsay", t.lower_)
                   for t in words)

    # -- who says so ------------------------------------------------------------------------
    def _attribution(self, match: TriggerMatch) -> tuple[ActorMention | None, str]:
        char = self.doc[match.i].idx
        presupposed = match.trigger.pos == "noun" and match.support_i is None
        for q in self.quotes:
            if (presupposed or match.trigger.denial) and q.type != "Direct":
                continue  # "Nach der Reise des Ministers ...": named, not claimed
            if any(b <= char < e for b, e in q.quote):
                if any(b <= char < e for b, e in q.cue):
                    continue
                return self.speaker_actor(q), f"inside {q.type.lower()} speech (a quotation)"
        return None, ""

    def speaker_at(self, char: int) -> ActorMention | None:
        """The speaker of the quotation that contains character ``char``, if any."""
        for q in self.quotes:
            if any(b <= char < e for b, e in q.quote):
                return self.speaker_actor(q)
        return None

    def _nearby_speaker(self, match: TriggerMatch) -> tuple[ActorMention | None, str]:
        """Reported speech with no speaker of its own: the speaker next to it in the
        paragraph."""
        char = self.doc[match.i].idx
        para = bisect_right(self.paragraph_starts, char)
        best, best_dist = None, None
        for q in self.quotes:
            if not q.speaker:
                continue
            at = q.speaker[0][0]
            if bisect_right(self.paragraph_starts, at) != para:
                continue
            dist = abs(at - char)
            if best_dist is None or dist < best_dist:
                best, best_dist = q, dist
        if best is None:
            return None, ""
        return self.speaker_actor(best), "speaker of the nearest quotation in the paragraph"

    def speaker_actor(self, q) -> ActorMention | None:
        """The actor named by a quotation's speaker span (pronouns resolved)."""
        return self.finder.speaker_actor(q)
