/// Encodes documents as the output records of DESIGN.md, one JSON object a line, keys in
/// a fixed order. Byte ranges become code-point spans here and nowhere else.
public enum RecordEncoder {
    /// `quote` and `claim` records: the output of `claimex extract`. `origin` places a
    /// segment's document inside the whole one (`Pipeline.segmentBytes`): spans and
    /// sentence ids are written as positions in the whole document. Whenever the buffer
    /// holds `flushAt` bytes or more after a record, `flush` is given it to hand on and
    /// empty, so that a segment dense with quotes is not encoded all at once.
    public static func extract(_ document: Document, origin: SegmentOrigin = .start, into json: inout JSONBuffer,
                               flushAt: Int = .max, flush: (inout JSONBuffer) -> Void = { _ in }) {
        document.withUTF8 { buf in
            let offsets = ScalarOffsets(buf, base: origin.scalars)
            let sentences = origin.sentences
            // Every record of the document ends with the same provenance: encoded once.
            var shared = JSONBuffer()
            provenance(document, into: &shared)
            let members = shared.bytes
            for quote in document.quotes {
                self.quote(quote, document, buf, offsets, sentences: sentences, provenance: members, into: &json)
                if json.bytes.count >= flushAt { flush(&json) }
            }
            for claim in document.claims {
                self.claim(claim, document, buf, offsets, sentences: sentences, provenance: members, into: &json)
                if json.bytes.count >= flushAt { flush(&json) }
            }
        }
    }

    /// One `article` record an input article (`--group article`): its quotes and claims in
    /// arrays (the same objects as the stand-alone records, without the provenance they
    /// share), then the provenance once.
    public static func article(_ document: Document, into json: inout JSONBuffer) {
        document.withUTF8 { buf in
            let offsets = ScalarOffsets(buf)
            json.beginObject()
            json.key("type"); json.string("article")
            json.key("article_id"); json.string(document.article.id)
            json.key("quotes")
            json.beginArray()
            for quote in document.quotes { self.quote(quote, document, buf, offsets, provenance: nil, into: &json) }
            json.endArray()
            json.key("claims")
            json.beginArray()
            for claim in document.claims { self.claim(claim, document, buf, offsets, provenance: nil, into: &json) }
            json.endArray()
            provenance(document, into: &json)
            json.endObject()
            json.newline()
        }
    }

    /// `provenance`: the document's provenance members, encoded once (`provenance(_:into:)`),
    /// for a stand-alone record; nil inside an `article` record.
    private static func quote(_ quote: Quote, _ document: Document, _ buf: UnsafeBufferPointer<UInt8>, _ offsets: ScalarOffsets,
                              sentences: Int = 0, provenance: [UInt8]?, into json: inout JSONBuffer) {
        let id = document.article.id
        let (start, end) = offsets.span(quote.content)
        json.beginObject()
        json.key("type"); json.string("quote")
        json.key("id"); json.recordID(id, "q", start, end)
        json.key("article_id"); json.string(id)
        json.key("kind"); json.string(quote.kind.rawValue)
        json.key("text"); json.string(utf8Parts: quote.parts.map { UnsafeBufferPointer(rebasing: buf[$0]) })
        json.key("span"); span(start, end, into: &json)
        json.key("speaker")
        if let s = quote.speaker {
            json.beginObject()
            json.key("name"); json.string(s.name)
            json.key("title"); json.string(s.title)
            json.key("mention"); json.string(s.mention)
            json.key("span"); span(offsets.span(s.range), into: &json)
            json.key("resolved_by"); json.string(s.resolvedBy.rawValue)
            json.endObject()
        } else {
            json.null()
        }
        json.key("cue")
        if let c = quote.cue {
            json.beginObject()
            json.key("text"); json.string(c.text)
            json.key("lemma"); json.string(c.lemma)
            json.key("span"); span(offsets.span(c.range), into: &json)
            json.endObject()
        } else {
            json.null()
        }
        json.key("sentence_ids"); ints(quote.sentenceIndices, plus: sentences, into: &json)
        json.key("claim_types"); types(quote.claimTypes, into: &json)
        json.key("checkworthy"); json.number(quote.checkworthy)
        json.key("rule"); json.string(quote.rule)
        json.key("confidence"); json.number(quote.confidence)
        if let provenance { json.members(provenance) }
        json.endObject()
        if provenance != nil { json.newline() }
    }

    private static func claim(_ claim: Claim, _ document: Document, _ buf: UnsafeBufferPointer<UInt8>, _ offsets: ScalarOffsets,
                              sentences: Int = 0, provenance: [UInt8]?, into json: inout JSONBuffer) {
        let id = document.article.id
        let (start, end) = offsets.span(claim.range)
        json.beginObject()
        json.key("type"); json.string("claim")
        json.key("id"); json.recordID(id, "c", start, end)
        json.key("article_id"); json.string(id)
        json.key("text"); json.string(utf8: UnsafeBufferPointer(rebasing: buf[claim.range]))
        json.key("span"); span(start, end, into: &json)
        json.key("sentence_ids"); ints([claim.sentenceIndex], plus: sentences, into: &json)
        json.key("claim_types"); types(claim.types, into: &json)
        json.key("checkworthy"); json.number(claim.checkworthy)
        json.key("rule"); json.string(claim.rule)
        if let provenance { json.members(provenance) }
        json.endObject()
        if provenance != nil { json.newline() }
    }

    /// The `document` record of `claimex clean`.
    public static func document(_ document: Document, into json: inout JSONBuffer) {
        document.withUTF8 { buf in
            // The text with a little for escapes, and a span a paragraph: about the record.
            json.reserveCapacity(json.bytes.count + buf.count + buf.count / 16 + document.paragraphs.count * 24 + 4096)
            let offsets = ScalarOffsets(buf)
            let m = document.metadata
            json.beginObject()
            json.key("type"); json.string("document")
            json.key("article_id"); json.string(document.article.id)
            json.key("text"); json.string(utf8: buf)
            json.key("paragraphs")
            json.beginArray()
            for p in document.paragraphs { span(offsets.span(p), into: &json) }
            json.endArray()
            json.key("authors")
            json.beginArray()
            for a in m.authors { json.string(a) }
            json.endArray()
            json.key("lang"); json.string(m.lang)
            json.key("dateline")
            if let d = m.dateline {
                json.beginObject()
                json.key("place"); json.string(d.place)
                json.key("agency"); json.string(d.agency)
                json.endObject()
            } else {
                json.null()
            }
            provenance(document, into: &json)
            json.endObject()
            json.newline()
        }
    }

    /// The `sentences` record of `claimex sentences`.
    public static func sentences(_ document: Document, into json: inout JSONBuffer) {
        document.withUTF8 { buf in
            let offsets = ScalarOffsets(buf)
            json.beginObject()
            json.key("type"); json.string("sentences")
            json.key("article_id"); json.string(document.article.id)
            json.key("sentences")
            json.beginArray()
            for s in document.sentences {
                json.beginObject()
                json.key("text"); json.string(utf8: UnsafeBufferPointer(rebasing: buf[s.range]))
                json.key("span"); span(offsets.span(s.range), into: &json)
                json.key("paragraph"); json.int(s.paragraph)
                json.key("starts_inside_quote"); json.bool(s.startsInsideQuote)
                json.endObject()
            }
            json.endArray()
            provenance(document, into: &json)
            json.endObject()
            json.newline()
        }
    }

    /// The record of `claimex classify`: one a sentence.
    public static func classification(id: String, verdict: ClaimTyper.Verdict, into json: inout JSONBuffer) {
        json.beginObject()
        json.key("id"); json.string(id)
        json.key("claim_types"); types(verdict.types, into: &json)
        json.key("is_claim"); json.bool(verdict.isClaim)
        json.key("checkworthy"); json.number(verdict.checkworthy)
        json.key("rule"); json.string(verdict.rule)
        json.endObject()
        json.newline()
    }

    /// The `input` record of `claimex inputs`: what a reader made of one input item, before
    /// any cleanup (to check a dump's field mapping, count a WARC's articles, time the readers).
    public static func input(_ article: Article, into json: inout JSONBuffer) {
        json.beginObject()
        json.key("type"); json.string("input")
        json.key("article_id"); json.string(article.id)
        json.key("format"); json.string(article.format.rawValue)
        json.key("bytes"); json.int(article.body.count)
        json.key("url"); json.string(article.url)
        json.key("title"); json.string(article.title)
        json.key("published"); json.string(article.published)
        json.key("source"); json.string(article.source)
        json.key("input"); json.string(article.provenance.input)
        json.key("line"); json.int(article.provenance.line)
        warc(article.provenance, into: &json)
        json.endObject()
        json.newline()
    }

    /// The `error` record of an article that produced nothing (with `--error-records`).
    public static func error(_ error: ArticleError, into json: inout JSONBuffer) {
        problem(error, type: "error", into: &json)
    }

    /// The `warning` record of a problem that did not stop the article (with `--error-records`).
    public static func warning(_ warning: ArticleError, into json: inout JSONBuffer) {
        problem(warning, type: "warning", into: &json)
    }

    private static func problem(_ error: ArticleError, type: String, into json: inout JSONBuffer) {
        json.beginObject()
        json.key("type"); json.string(type)
        json.key("article_id"); json.string(error.articleID)
        json.key("code"); json.string(error.code)
        json.key("message"); json.string(error.message)
        json.key("rule"); json.string(error.rule)
        json.key("input"); json.string(error.provenance?.input)
        json.key("line"); json.int(error.provenance?.line)
        if let p = error.provenance { warc(p, into: &json) }
        json.endObject()
        json.newline()
    }

    private static func provenance(_ document: Document, into json: inout JSONBuffer) {
        let m = document.metadata
        json.key("url"); json.string(m.url)
        json.key("title"); json.string(m.title)
        json.key("published"); json.string(m.published)
        json.key("source"); json.string(document.article.source)
        json.key("input"); json.string(document.article.provenance.input)
        json.key("line"); json.int(document.article.provenance.line)
        warc(document.article.provenance, into: &json)
    }

    /// The WARC fields of the provenance, present only for records read from a WARC file
    /// (so that the records of every other input keep their shape).
    private static func warc(_ p: Provenance, into json: inout JSONBuffer) {
        guard p.warcRecordID != nil || p.warcOffset != nil else { return }
        json.key("warc_record_id"); json.string(p.warcRecordID)
        json.key("warc_offset"); json.int(p.warcOffset)
        json.key("warc_date"); json.string(p.warcDate)
    }

    private static func span(_ s: (Int, Int), into json: inout JSONBuffer) { span(s.0, s.1, into: &json) }

    private static func span(_ start: Int, _ end: Int, into json: inout JSONBuffer) {
        json.beginArray(); json.int(start); json.int(end); json.endArray()
    }

    private static func ints(_ values: [Int], plus offset: Int = 0, into json: inout JSONBuffer) {
        json.beginArray()
        for v in values { json.int(v + offset) }
        json.endArray()
    }

    private static func types(_ values: [ClaimType], into json: inout JSONBuffer) {
        json.beginArray()
        for t in values { json.string(t.rawValue) }
        json.endArray()
    }
}
