#include "core/policy/headerdiff.h"

#include "core/policy/policy.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace Rwb {

namespace {

// Authorization, Cookie and Proxy-Authorization: the strict profile guards every credential header.
bool isCredential(QByteArrayView name)
{
    return isCredentialHeader(Profile::Strict, name);
}

// Headers that describe a request body: they go when the body goes (Fetch's request-body-header names,
// RFC 9110 §15.4's content-specific fields, and Chromium's Content-Length and Origin).
bool isBodyHeader(QByteArrayView name)
{
    for (const char *h : {"Content-Type", "Content-Length", "Content-Encoding", "Content-Language",
                          "Content-Location", "Origin", "Digest", "Transfer-Encoding"}) {
        if (name.compare(h, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

class NoteLookup
{
public:
    explicit NoteLookup(const NoteList &notes)
        : m_notes(notes)
    {
    }

    // The message of the first note with this code that names `header`; failing that, of the first note
    // with the code when `anyIfUnnamed` (a note such as body-dropped names no header).
    QString find(NoteCode code, QByteArrayView header, bool anyIfUnnamed) const
    {
        const QRegularExpression word(QStringLiteral("(^|[^A-Za-z0-9-])%1($|[^A-Za-z0-9-])")
                                          .arg(QRegularExpression::escape(QString::fromLatin1(header))),
                                      QRegularExpression::CaseInsensitiveOption);
        QString any;
        for (const Note &n : m_notes) {
            if (!n.is(code))
                continue;
            if (n.message.contains(word))
                return n.message;
            if (any.isEmpty())
                any = n.message;
        }
        return anyIfUnnamed ? any : QString();
    }

    // The first non-empty answer over the codes, in order.
    QString first(std::initializer_list<NoteCode> codes, QByteArrayView header, bool anyIfUnnamed) const
    {
        for (NoteCode code : codes) {
            const QString m = find(code, header, anyIfUnnamed);
            if (!m.isEmpty())
                return m;
        }
        return {};
    }

private:
    const NoteList &m_notes;
};

QString hostReason(const QByteArray &from, const QByteArray &to)
{
    if (from.isEmpty())
        return QStringLiteral("The hop goes to %1").arg(QString::fromLatin1(to));
    return QStringLiteral("The hop goes to another host: %1 → %2")
        .arg(QString::fromLatin1(from), QString::fromLatin1(to));
}

QString reasonFor(const HeaderChange &c, const NoteLookup &notes)
{
    const QByteArrayView name = c.name;
    const bool host = name.compare("Host", Qt::CaseInsensitive) == 0;
    switch (c.kind) {
    case HeaderChange::Kind::Kept:
        // A credential that stays on a hop where it could have gone: the user trusted the host.
        return isCredential(name) ? notes.find(NoteCode::CredentialsKept, name, false) : QString();
    case HeaderChange::Kind::Removed:
        if (isCredential(name))
            return notes.first({NoteCode::CredentialsRemoved, NoteCode::HeaderRemoved}, name, false);
        if (isBodyHeader(name)) {
            QString m = notes.find(NoteCode::HeaderRemoved, name, false);
            if (m.isEmpty())
                m = notes.first({NoteCode::BodyDropped, NoteCode::MethodChanged}, name, true);
            return m;
        }
        if (const QString m = notes.find(NoteCode::HeaderRemoved, name, false); !m.isEmpty())
            return m;
        return notes.find(NoteCode::Edited, name, true);
    case HeaderChange::Kind::Added:
        if (host)
            return hostReason({}, c.newValue);
        if (name.compare("Cookie", Qt::CaseInsensitive) == 0)
            return notes.first({NoteCode::CookieSent, NoteCode::CredentialsRestored, NoteCode::Edited}, name,
                               true);
        if (isCredential(name))
            return notes.first(
                {NoteCode::CredentialsRestored, NoteCode::CredentialsFromUrl, NoteCode::Edited}, name, true);
        return notes.first({NoteCode::Edited}, name, true);
    case HeaderChange::Kind::Changed:
        if (host)
            return hostReason(c.oldValue, c.newValue);
        if (name.compare("Cookie", Qt::CaseInsensitive) == 0)
            return notes.first({NoteCode::CookieSent, NoteCode::Edited}, name, true);
        if (isBodyHeader(name))
            return notes.first({NoteCode::BodyDropped, NoteCode::MethodChanged, NoteCode::Edited}, name,
                               true);
        return notes.first({NoteCode::Edited}, name, true);
    }
    return {};
}

}  // namespace

QString headerChangeKindName(HeaderChange::Kind kind)
{
    switch (kind) {
    case HeaderChange::Kind::Kept:
        return QStringLiteral("kept");
    case HeaderChange::Kind::Added:
        return QStringLiteral("added");
    case HeaderChange::Kind::Removed:
        return QStringLiteral("removed");
    case HeaderChange::Kind::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

QList<HeaderChange> diffHeaders(const HeaderList &previous, const HeaderList &current, const NoteList &notes)
{
    // Pair the k-th occurrence of a name in `previous` with its k-th occurrence in `current`.
    QHash<QByteArray, QList<qsizetype>> previousByName;  // lower-case name -> indexes in previous
    for (qsizetype i = 0; i < previous.size(); ++i)
        previousByName[previous.at(i).first.toLower()].append(i);
    QList<qsizetype> partnerOfPrevious(previous.size(), -1);  // index in current, or -1: removed
    QList<HeaderChange> changes;                              // current's order, removed ones after
    QHash<QByteArray, qsizetype> seen;
    for (qsizetype i = 0; i < current.size(); ++i) {
        const HeaderPair &h = current.at(i);
        const QByteArray key = h.first.toLower();
        const qsizetype occurrence = seen[key]++;
        const QList<qsizetype> &olds = previousByName[key];
        HeaderChange c;
        c.name = h.first;
        c.newValue = h.second;
        if (occurrence < olds.size()) {
            const qsizetype old = olds.at(occurrence);
            partnerOfPrevious[old] = i;
            c.oldValue = previous.at(old).second;
            c.kind = c.oldValue == c.newValue ? HeaderChange::Kind::Kept : HeaderChange::Kind::Changed;
        } else {
            c.kind = HeaderChange::Kind::Added;
        }
        changes.append(c);
    }

    // Each removed header goes right after the entry its closest paired predecessor became, so that
    // "Cookie" removed between Accept and Connection shows there. Inserting from the back keeps the
    // positions computed on `changes` before any insertion valid.
    QList<QPair<qsizetype, HeaderChange>> removed;  // insertion position in `changes`, change
    qsizetype anchor = 0;                           // just after the last paired entry so far
    for (qsizetype i = 0; i < previous.size(); ++i) {
        if (partnerOfPrevious.at(i) >= 0) {
            anchor = partnerOfPrevious.at(i) + 1;
            continue;
        }
        HeaderChange c;
        c.kind = HeaderChange::Kind::Removed;
        c.name = previous.at(i).first;
        c.oldValue = previous.at(i).second;
        removed.append({anchor, c});
    }
    // Anchors can go backwards when `current` reorders names: sort them, keeping `previous`'s order.
    std::stable_sort(removed.begin(), removed.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype r = removed.size() - 1; r >= 0; --r)
        changes.insert(removed.at(r).first, removed.at(r).second);

    const NoteLookup lookup(notes);
    for (HeaderChange &c : changes)
        c.reason = reasonFor(c, lookup);
    return changes;
}

}  // namespace Rwb
