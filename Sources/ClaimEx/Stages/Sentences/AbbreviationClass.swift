/// How an abbreviation behaves before a capitalized word: the one question a period after
/// an abbreviation raises ("U.S. Government" goes on, "U.S. How about you?" ends).
enum AbbreviationClass: UInt8, Sendable {
    /// Ends a sentence only when the next word is a typical sentence starter ("Co. It closed").
    case general
    /// A clock time ("a.m.", "p.m."): ends a sentence before any capitalized word, except a
    /// word that continues the time ("5 p.m. Tuesday", "10 a.m. ET") and except when the
    /// sentence so far is only an introductory phrase ("At 5 a.m. Mr. Smith went").
    case time
    /// Never ends a sentence: it always introduces more text ("e.g.", "i.e.", "vs.").
    case continues
}
