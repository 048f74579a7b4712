#include "workbench/timelinemodel.h"

#include "core/http/origin.h"

#include <QUrl>

namespace Rwb {

namespace {

using Tone = Theme::Tone;

struct BadgeRule {
    NoteCode code;
    const char *text;  // translated in badges()
    Tone tone;
};

// Notes worth a badge on the card; the rest are in the tooltip and the inspector. Decisions about the
// next request (credentials, body) sit on the hop whose redirect caused them.
constexpr BadgeRule kBadgeRules[] = {
    {NoteCode::CredentialsRemoved, QT_TRANSLATE_NOOP("TimelineModel", "credentials removed"), Tone::Warning},
    {NoteCode::CredentialsKept, QT_TRANSLATE_NOOP("TimelineModel", "credentials kept"), Tone::Warning},
    {NoteCode::CredentialsRestored, QT_TRANSLATE_NOOP("TimelineModel", "credentials restored"), Tone::Info},
    {NoteCode::BodyDropped, QT_TRANSLATE_NOOP("TimelineModel", "body dropped"), Tone::Warning},
    {NoteCode::CookieStored, QT_TRANSLATE_NOOP("TimelineModel", "cookie set"), Tone::Good},
    {NoteCode::CookieSent, QT_TRANSLATE_NOOP("TimelineModel", "cookie sent"), Tone::Info},
    {NoteCode::CookieRejected, QT_TRANSLATE_NOOP("TimelineModel", "cookie rejected"), Tone::Warning},
    {NoteCode::CookieIgnored, QT_TRANSLATE_NOOP("TimelineModel", "cookie ignored"), Tone::Info},
    {NoteCode::FragmentInherited, QT_TRANSLATE_NOOP("TimelineModel", "#fragment inherited"), Tone::Info},
    {NoteCode::HstsUpgrade, QT_TRANSLATE_NOOP("TimelineModel", "HSTS upgrade"), Tone::Good},
    {NoteCode::HstsStored, QT_TRANSLATE_NOOP("TimelineModel", "HSTS stored"), Tone::Good},
    {NoteCode::Loop, QT_TRANSLATE_NOOP("TimelineModel", "loop"), Tone::Danger},
    {NoteCode::TlsErrorAccepted, QT_TRANSLATE_NOOP("TimelineModel", "TLS error accepted"), Tone::Danger},
    {NoteCode::LocationMultiple, QT_TRANSLATE_NOOP("TimelineModel", "several Locations"), Tone::Danger},
    {NoteCode::LocationEncoded, QT_TRANSLATE_NOOP("TimelineModel", "Location re-encoded"), Tone::Info},
    {NoteCode::LocationBackslash, QT_TRANSLATE_NOOP("TimelineModel", "Location backslash"), Tone::Warning},
    {NoteCode::CredentialsFromUrl, QT_TRANSLATE_NOOP("TimelineModel", "credentials from URL"), Tone::Warning},
    {NoteCode::HeadReceived, QT_TRANSLATE_NOOP("TimelineModel", "malformed head"), Tone::Danger},
    {NoteCode::RefreshNotFollowed, QT_TRANSLATE_NOOP("TimelineModel", "refresh not followed"), Tone::Warning},
    {NoteCode::ScriptRedirect, QT_TRANSLATE_NOOP("TimelineModel", "script navigates"), Tone::Warning},
};

// Not originOf() of core/http/origin.h: for a scheme other than http and https (only a hand-made trace
// holds one) this takes port 80 as the default, so ftp://a and ftp://a:80 stay one origin on the cards.
QString cardOrigin(const QUrl &url)
{
    return url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':')
           + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

}  // namespace

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setTrace(const Trace &trace, bool finished)
{
    beginResetModel();
    m_trace = trace;
    m_finished = finished;
    m_pending.reset();
    m_totalMs = 0;
    m_differences.clear();
    m_searchRows.clear();
    for (const Hop &hop : std::as_const(m_trace.hops))
        m_totalMs = std::max({m_totalMs, hop.timing.endMs, hop.timing.startMs});
    endResetModel();
}

void TimelineModel::clear(const QString &profile)
{
    Trace empty;
    empty.profile = profile;
    setTrace(empty, false);
}

void TimelineModel::addHop(const Hop &hop)
{
    clearPending();
    const int row = int(m_trace.hops.size());
    beginInsertRows({}, row, row);
    m_trace.hops.append(hop);
    endInsertRows();
    growScale(hop.timing.startMs);
}

void TimelineModel::updateHop(const Hop &hop)
{
    if (hop.index < 0 || hop.index >= m_trace.hops.size())
        return;
    m_trace.hops[hop.index] = hop;
    const QModelIndex changed = index(hop.index);
    emit dataChanged(changed, changed);
    growScale(hop.timing.endMs);
}

void TimelineModel::finish(const Outcome &outcome)
{
    clearPending();
    const int row = int(m_trace.hops.size());
    if (!m_finished) {
        beginInsertRows({}, row, row);
        m_trace.outcome = outcome;
        m_finished = true;
        endInsertRows();
    } else {
        m_trace.outcome = outcome;
        emit dataChanged(index(row), index(row));
    }
    // A loop marks the hop it repeats: repaint it with its new badge.
    if (outcome.kind == OutcomeKind::Loop && outcome.repeatsHop >= 0 && outcome.repeatsHop < row)
        emit dataChanged(index(outcome.repeatsHop), index(outcome.repeatsHop));
}

void TimelineModel::setPending(const RequestSpec &next)
{
    if (m_finished)
        return;
    const int row = int(m_trace.hops.size());
    if (m_pending) {
        m_pending = next;
        emit dataChanged(index(row), index(row));
        return;
    }
    beginInsertRows({}, row, row);
    m_pending = next;
    endInsertRows();
}

void TimelineModel::clearPending()
{
    if (!m_pending)
        return;
    const int row = int(m_trace.hops.size());
    beginRemoveRows({}, row, row);
    m_pending.reset();
    endRemoveRows();
}

void TimelineModel::setDifferences(const QList<QStringList> &rows)
{
    m_differences = rows;
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {DifferencesRole});
}

void TimelineModel::setSearchRows(const QSet<int> &rows)
{
    if (rows == m_searchRows)
        return;
    m_searchRows = rows;
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {SearchMatchRole});
}

void TimelineModel::growScale(double endMs)
{
    if (endMs <= m_totalMs)
        return;
    m_totalMs = endMs;
    emit scaleChanged();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_trace.hops.size()) + (m_finished || m_pending ? 1 : 0);
}

int TimelineModel::outcomeRow() const
{
    return m_finished ? int(m_trace.hops.size()) : -1;
}

TimelineModel::RowKind TimelineModel::rowKind(int row) const
{
    if (row < m_trace.hops.size())
        return RowKind::Hop;
    return m_finished ? RowKind::Outcome : RowKind::Pending;
}

const Hop *TimelineModel::hopAt(int row) const
{
    return row >= 0 && row < m_trace.hops.size() ? &m_trace.hops.at(row) : nullptr;
}

const QUrl *TimelineModel::urlAt(int row) const
{
    if (const Hop *hop = hopAt(row))
        return &hop->request.url;
    if (m_pending && row == m_trace.hops.size())
        return &m_pending->url;
    return nullptr;
}

TimelineModel::OriginChange TimelineModel::originChange(int row) const
{
    const QUrl *target = urlAt(row);
    const Hop *previous = hopAt(row - 1);
    if (!target || !previous)
        return OriginChange::None;
    const QUrl &from = previous->request.url;
    const QUrl &to = *target;
    if (isDowngrade(from, to))
        return OriginChange::Downgrade;
    if (cardOrigin(from) == cardOrigin(to))
        return OriginChange::None;
    if (from.scheme() == QLatin1String("http") && to.scheme() == QLatin1String("https")
        && from.host() == to.host())
        return OriginChange::Upgrade;
    return OriginChange::CrossOrigin;
}

QList<TimelineModel::Badge> TimelineModel::badges(int row) const
{
    QList<Badge> out;
    const Hop *hop = hopAt(row);
    if (!hop)
        return out;
    if (hop->edited)
        out.append({tr("edited"), Tone::Warning, tr("You changed this request while stepping")});
    for (const BadgeRule &rule : kBadgeRules) {
        QStringList messages;
        for (const Note &note : hop->notes) {
            if (note.is(rule.code))
                messages.append(note.message);
        }
        if (!messages.isEmpty())
            out.append({tr(rule.text), rule.tone, messages.join(QLatin1Char('\n'))});
    }
    const Outcome &outcome = m_trace.outcome;
    if (m_finished && outcome.kind == OutcomeKind::Loop && outcome.repeatsHop == row)
        out.append({tr("repeated later"), Tone::Danger, outcome.message});
    return out;
}

QString TimelineModel::pendingMessage() const
{
    return tr("Not sent yet: edit it, then Continue (F8) or Step (F10)");
}

QString TimelineModel::summary(int row) const
{
    if (rowKind(row) == RowKind::Outcome)
        return m_trace.outcome.message;
    if (rowKind(row) == RowKind::Pending)
        return tr("#%1 paused · %2 %3")
            .arg(m_trace.hops.size())
            .arg(QString::fromLatin1(m_pending->method), m_pending->url.toDisplayString());
    const Hop &hop = m_trace.hops.at(row);
    QString status;
    if (hop.synthetic && hop.response)
        status = tr("%1 %2 (HSTS, not sent)")
                     .arg(hop.response->status)
                     .arg(QString::fromLatin1(hop.response->reason));
    else if (hop.response)
        status = QString::number(hop.response->status) + QLatin1Char(' ')
                 + QString::fromLatin1(hop.response->reason);
    else if (hop.error)
        status = tr("error: %1").arg(hop.error->message);
    else
        status = tr("sending…");
    QString method = QString::fromLatin1(hop.request.method);
    const QString previous = data(index(row), PreviousMethodRole).toString();
    if (!previous.isEmpty())
        method = previous + QStringLiteral(" → ") + method;
    return QStringLiteral("#%1 %2 · %3 %4")
        .arg(hop.index)
        .arg(status.trimmed(), method, hop.request.url.toDisplayString());
}

QString TimelineModel::toolTip(int row) const
{
    if (rowKind(row) == RowKind::Outcome)
        return m_trace.outcome.message;
    if (rowKind(row) == RowKind::Pending)
        return m_pending->url.toDisplayString() + QLatin1Char('\n') + pendingMessage();
    const Hop &hop = m_trace.hops.at(row);
    QStringList lines{hop.request.url.toDisplayString()};
    for (const Note &note : hop.notes)
        lines.append(QStringLiteral("• ") + note.message);
    return lines.join(QLatin1Char('\n'));
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const RowKind kind = rowKind(row);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return summary(row);
    case Qt::ToolTipRole:
        return toolTip(row);
    case RowKindRole:
        return QVariant::fromValue(int(kind));
    case TotalMsRole:
        return m_totalMs;
    case DifferencesRole:
        return row < m_differences.size() ? m_differences.at(row) : QStringList();
    case SearchMatchRole:
        return m_searchRows.contains(row);
    default:
        break;
    }
    if (kind == RowKind::Outcome) {
        switch (role) {
        case OutcomeKindRole:
            return outcomeKindName(m_trace.outcome.kind);
        case OutcomeMessageRole:
            return m_trace.outcome.message;
        case StatusRole:
            return m_trace.outcome.finalStatus;
        case UrlRole:
            return m_trace.outcome.finalUrl;
        case HopIndexRole:
            return -1;
        default:
            return {};
        }
    }
    // The request a hop or pending row shows: sent, or about to be.
    const QByteArray &method =
        kind == RowKind::Pending ? m_pending->method : m_trace.hops.at(row).request.method;
    switch (role) {
    case MethodRole:
        return QString::fromLatin1(method);
    case PreviousMethodRole: {
        const Hop *previous = hopAt(row - 1);
        if (previous && previous->request.method != method)
            return QString::fromLatin1(previous->request.method);
        return QString();
    }
    case UrlRole:
        return *urlAt(row);
    case OriginChangeRole:
        return QVariant::fromValue(int(originChange(row)));
    default:
        break;
    }
    if (kind == RowKind::Pending) {
        switch (role) {
        case HopIndexRole:
            return row;
        case OutcomeMessageRole:
            return pendingMessage();
        case StatusRole:
            return 0;
        default:
            return {};
        }
    }
    const Hop &hop = m_trace.hops.at(row);
    switch (role) {
    case HopIndexRole:
        return hop.index;
    case StatusRole:
        return hop.response ? hop.response->status : 0;
    case ReasonRole:
        return hop.response ? QString::fromLatin1(hop.response->reason) : QString();
    case StartMsRole:
        return hop.timing.startMs;
    case EndMsRole:
        return hop.timing.endMs;
    case SyntheticRole:
        return hop.synthetic;
    case ViaRole:
        return hopViaName(hop.via);
    case RefreshDelayRole:
        return hop.refreshDelayMs ? double(*hop.refreshDelayMs) : -1.0;
    case PausedMsRole:
        return hop.pausedMs;
    case EditedRole:
        return hop.edited;
    case ErrorRole:
        return hop.error ? hop.error->message : QString();
    case ErrorCodeRole:
        return hop.error ? hop.error->code : QString();
    case HopStateRole:
        if (hop.response)
            return QVariant::fromValue(int(HopState::Answered));
        return QVariant::fromValue(int(hop.error ? HopState::Failed : HopState::Sending));
    case ResponseMsRole:
        return hop.timing.responseMs;
    case PhasesRole: {
        QVariantList phases;
        if (hop.timing.phases.known()) {
            for (const auto &[key, value] : phaseFields(hop.timing.phases))
                phases.append(*value);
        }
        return phases;
    }
    case BadgesRole: {
        QStringList texts;
        for (const Badge &badge : badges(row))
            texts.append(badge.text);
        return texts;
    }
    case BadgeListRole:
        return QVariant::fromValue(badges(row));
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(RowKindRole, "rowKind");
    names.insert(HopIndexRole, "hopIndex");
    names.insert(StatusRole, "status");
    names.insert(ReasonRole, "reason");
    names.insert(MethodRole, "method");
    names.insert(PreviousMethodRole, "previousMethod");
    names.insert(UrlRole, "url");
    names.insert(OriginChangeRole, "originChange");
    names.insert(StartMsRole, "startMs");
    names.insert(EndMsRole, "endMs");
    names.insert(TotalMsRole, "totalMs");
    names.insert(SyntheticRole, "synthetic");
    names.insert(ViaRole, "via");
    names.insert(RefreshDelayRole, "refreshDelay");
    names.insert(PausedMsRole, "pausedMs");
    names.insert(SearchMatchRole, "searchMatch");
    names.insert(EditedRole, "edited");
    names.insert(ErrorRole, "error");
    names.insert(BadgesRole, "badges");
    names.insert(OutcomeKindRole, "outcomeKind");
    names.insert(OutcomeMessageRole, "outcomeMessage");
    names.insert(DifferencesRole, "differences");
    names.insert(HopStateRole, "hopState");
    names.insert(ErrorCodeRole, "errorCode");
    names.insert(ResponseMsRole, "responseMs");
    names.insert(PhasesRole, "phases");
    names.insert(BadgeListRole, "badgeList");
    return names;
}

}  // namespace Rwb
