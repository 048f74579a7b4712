#include "widgets/stepeditor.h"

#include "widgets/headereditview.h"
#include "widgets/requestmethodbox.h"
#include "widgets/urledit.h"
#include "workbench/headereditmodel.h"

#include <algorithm>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Rwb {

namespace {

// Rows of the header table that stay visible however the splitters are set: a step is about the headers.
constexpr int kMinimumHeaderRows = 5;

bool sameRequest(const RequestSpec &a, const RequestSpec &b)
{
    return a.method == b.method && a.url == b.url && a.headers == b.headers && a.body == b.body
           && a.customMethod == b.customMethod && a.formBody == b.formBody;
}

}  // namespace

struct StepEditor::Private {
    RequestSpec pending;
    bool hasPending = false;
    bool binaryBody = false;  // the body is shown as "(binary, N bytes)" and sent unchanged
    QString shownUrl;         // the URL text as set: while unchanged, pending.url is sent as it was
    std::optional<Profile> profile;
    QLabel *explanation = nullptr;
    QTableView *headerTable = nullptr;
    QComboBox *method = nullptr;
    UrlEdit *url = nullptr;
    HeaderEditModel *headers = nullptr;
    QPlainTextEdit *body = nullptr;

    void fitColumns();

    void explain()
    {
        explanation->setText(
            profile
                ? tr("Next request computed by the %1 profile. Edit it, then Continue (F8) or Step (F10).")
                      .arg(profileName(*profile))
                : tr("Next request computed by the profile. Edit it, then Continue (F8) or Step (F10)."));
    }
};

void StepEditor::Private::fitColumns()
{
    // The name as wide as the longest one (up to three tenths) and the change as wide as what it says, the
    // value keeping at least a quarter. A change too long for that wraps onto more lines of its row; a
    // value too long is elided (the cell editor shows all of it). Nothing scrolls sideways.
    QHeaderView *header = headerTable->horizontalHeader();
    const int width = headerTable->viewport()->width();
    if (width <= 0 || headers->columnCount() <= HeaderEditModel::ChangeColumn)
        return;
    const auto wanted = [this, header](int column) {
        // QTableView makes sizeHintForColumn() protected; QAbstractItemView's is public.
        return std::max(static_cast<const QAbstractItemView *>(headerTable)->sizeHintForColumn(column),
                        header->sectionSizeHint(column));
    };
    const int name = std::min(wanted(HeaderEditModel::NameColumn), width * 3 / 10);
    const int minimumValue = std::max(width / 4, header->sectionSizeHint(HeaderEditModel::ValueColumn));
    const int change = std::max(header->sectionSizeHint(HeaderEditModel::ChangeColumn),
                                std::min(wanted(HeaderEditModel::ChangeColumn), width - name - minimumValue));
    header->resizeSection(HeaderEditModel::NameColumn, name);
    header->resizeSection(HeaderEditModel::ChangeColumn, change);
}

StepEditor::StepEditor(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->explanation = new QLabel(this);
    d->explanation->setWordWrap(true);
    d->explanation->setToolTip(tr("The step-through is paused before this request is sent"));
    d->method = newRequestMethodBox(this);
    d->method->setToolTip(tr("Method of the next request"));
    d->url = new UrlEdit(this);
    d->url->setToolTip(tr("URL of the next request"));

    d->headers = new HeaderEditModel(this);
    d->headers->setChangeColumnVisible(true);
    auto *headerView = new HeaderEditView(d->headers, tr("Headers of the next request"), this);
    QTableView *table = headerView->view();
    d->headerTable = table;
    QHeaderView *columns = table->horizontalHeader();
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(HeaderEditModel::NameColumn, QHeaderView::Interactive);
    columns->setSectionResizeMode(HeaderEditModel::ValueColumn, QHeaderView::Stretch);
    columns->setSectionResizeMode(HeaderEditModel::ChangeColumn, QHeaderView::Interactive);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setTextElideMode(Qt::ElideRight);
    // A long reason in the change column wraps: its row grows to show all of it.
    table->setWordWrap(true);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setMinimumHeight(columns->sizeHint().height()
                            + kMinimumHeaderRows * table->verticalHeader()->defaultSectionSize()
                            + 2 * table->frameWidth());
    table->viewport()->installEventFilter(this);  // its width: a vertical scroll bar takes some
    // Refitted when the rows change: a header typed in may say more than the ones before.
    connect(d->headers, &QAbstractItemModel::modelReset, this, [this] { d->fitColumns(); });
    connect(d->headers, &QAbstractItemModel::rowsInserted, this, [this] { d->fitColumns(); });
    connect(d->headers, &QAbstractItemModel::dataChanged, this, [this] { d->fitColumns(); });

    d->body = new QPlainTextEdit(this);
    d->body->setToolTip(tr("Body of the next request, sent as UTF-8"));
    d->body->setPlaceholderText(tr("No body"));
    d->body->setMinimumHeight(d->body->fontMetrics().lineSpacing() * 2 + 2 * d->body->frameWidth() + 8);

    auto *bar = new QHBoxLayout;
    bar->addWidget(d->method);
    bar->addWidget(d->url, 1);
    auto *bodyBox = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    auto *bodyLabel = new QLabel(tr("&Body:"), bodyBox);
    bodyLabel->setBuddy(d->body);
    bodyLayout->addWidget(bodyLabel);
    bodyLayout->addWidget(d->body);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(headerView);
    split->addWidget(bodyBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);  // the header table keeps its rows

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(d->explanation);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    setTabOrder(d->method, d->url);
    setTabOrder(d->url, headerView);

    auto emitChanged = [this] {
        emit changed();
    };
    connect(d->method, &QComboBox::currentTextChanged, this, emitChanged);
    connect(d->url, &QLineEdit::textChanged, this, emitChanged);
    connect(d->headers, &QAbstractItemModel::dataChanged, this, emitChanged);
    connect(d->headers, &QAbstractItemModel::rowsRemoved, this, emitChanged);
    connect(d->body, &QPlainTextEdit::textChanged, this, emitChanged);
    d->explain();
    clear();
}

StepEditor::~StepEditor() = default;

bool StepEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == d->headerTable->viewport()
        && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        d->fitColumns();
    return QWidget::eventFilter(watched, event);
}

void StepEditor::setPending(const RequestSpec &pending, const QList<HeaderChange> &changes)
{
    const QSignalBlocker blocker(this);
    d->pending = pending;
    d->hasPending = true;
    d->method->setCurrentText(QString::fromUtf8(pending.method));
    d->shownUrl = pending.url.toString();
    d->url->setText(d->shownUrl);

    // The rows are the changes when they describe exactly the pending headers; otherwise (no diff given,
    // or one of other lists) the pending headers are shown plainly, so request() is still `pending`.
    HeaderList described;
    for (const HeaderChange &c : changes) {
        if (c.kind != HeaderChange::Kind::Removed)
            described.append({c.name, c.newValue});
    }
    if (described == pending.headers)
        d->headers->setChanges(changes);
    else
        d->headers->setHeaders(pending.headers);

    d->binaryBody = !isUtf8(pending.body);
    d->body->setReadOnly(d->binaryBody);
    d->body->setPlainText(d->binaryBody ? tr("(binary, %n bytes)", nullptr, int(pending.body.size()))
                                        : QString::fromUtf8(pending.body));
    setEnabled(true);
}

void StepEditor::clear()
{
    const QSignalBlocker blocker(this);
    d->pending = RequestSpec();
    d->hasPending = false;
    d->binaryBody = false;
    d->method->setCurrentText(QString());
    d->url->clear();
    d->headers->clear();
    d->body->clear();
    d->body->setReadOnly(false);
    setEnabled(false);  // nothing to edit until a step-through pauses
}

RequestSpec StepEditor::request() const
{
    if (!d->hasPending)
        return {};
    RequestSpec r = d->pending;  // keeps customMethod and formBody, which are not edited here
    r.method = d->method->currentText().trimmed().toUtf8();
    if (d->url->text() != d->shownUrl)
        r.url = d->url->url();
    r.headers = d->headers->headers();
    r.body = d->binaryBody ? d->pending.body : d->body->toPlainText().toUtf8();
    return r;
}

bool StepEditor::edited() const
{
    return d->hasPending && !sameRequest(request(), d->pending);
}

RequestSpec StepEditor::pending() const
{
    return d->pending;
}

void StepEditor::setProfile(Profile profile)
{
    d->profile = profile;
    d->explain();
}

HeaderEditModel *StepEditor::headerModel() const
{
    return d->headers;
}

}  // namespace Rwb
