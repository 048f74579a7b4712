#include "widgets/bodyview.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace Rwb {

struct BodyView::Private {
    QByteArray body;
    QByteArray contentType;
    qint64 totalSize = 0;
    bool truncated = false;
    BodyType type;
    Rendering rendering = Rendering::None;

    QLabel *info = nullptr;
    QComboBox *mode = nullptr;
    QPushButton *save = nullptr;
    QLabel *saveStatus = nullptr;
    QPlainTextEdit *edit = nullptr;
};

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->info = new QLabel(this);
    d->info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->mode = new QComboBox(this);
    d->mode->addItem(tr("Auto"), int(Mode::Auto));
    d->mode->addItem(tr("Pretty"), int(Mode::Pretty));
    d->mode->addItem(tr("Raw"), int(Mode::Raw));
    d->mode->addItem(tr("Hex"), int(Mode::Hex));
    d->mode->setToolTip(tr("Auto picks pretty JSON/XML/HTML, text or a hex dump from the Content-Type; Raw "
                           "shows the text as received; Hex shows every byte"));
    d->save = new QPushButton(tr("Save full body…"), this);
    d->saveStatus = new QLabel(this);
    d->saveStatus->setWordWrap(true);
    d->edit = new QPlainTextEdit(this);
    d->edit->setReadOnly(true);
    d->edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Big previews are one document in one widget; undo history would only cost memory.
    d->edit->setUndoRedoEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(d->info, 1);
    top->addWidget(d->mode);
    top->addWidget(d->save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(d->saveStatus);
    layout->addWidget(d->edit, 1);
    d->saveStatus->hide();

    connect(d->mode, &QComboBox::currentIndexChanged, this, [this] { render(); });
    connect(d->save, &QPushButton::clicked, this, [this] { saveWithDialog(); });
    clear();
}

BodyView::~BodyView() = default;

void BodyView::setBody(const QByteArray &preview, const QByteArray &contentType, qint64 totalSize,
                       bool truncated)
{
    d->body = preview;
    d->contentType = contentType;
    d->totalSize = totalSize;
    d->truncated = truncated;
    d->type = classifyBody(preview, contentType);
    d->saveStatus->hide();
    render();
}

void BodyView::setResponse(const WireResponse &response)
{
    setBody(response.bodyPreview, headerValue(response.headers, "Content-Type"), response.bodySize,
            response.bodyTruncated);
}

void BodyView::clear()
{
    setBody({}, {}, 0, false);
}

BodyView::Mode BodyView::mode() const
{
    return Mode(d->mode->currentData().toInt());
}

void BodyView::setMode(Mode mode)
{
    d->mode->setCurrentIndex(d->mode->findData(int(mode)));
}

BodyView::Rendering BodyView::rendering() const
{
    return d->rendering;
}

BodyType BodyView::bodyType() const
{
    return d->type;
}

QString BodyView::text() const
{
    return d->edit->toPlainText();
}

QString BodyView::sizeText() const
{
    return bodySizeText(d->body.size(), d->totalSize, d->truncated);
}

bool BodyView::isPreviewOnly() const
{
    return d->truncated;
}

QString BodyView::infoText() const
{
    return d->info->text();
}

QString BodyView::defaultFileName() const
{
    QString ext = QStringLiteral("bin");
    switch (d->type.kind) {
    case BodyKind::Json:
        ext = QStringLiteral("json");
        break;
    case BodyKind::Xml:
        ext = QStringLiteral("xml");
        break;
    case BodyKind::Html:
        ext = QStringLiteral("html");
        break;
    case BodyKind::Text:
        ext = QStringLiteral("txt");
        break;
    case BodyKind::Empty:
    case BodyKind::Binary:
        break;
    }
    return (d->truncated ? QStringLiteral("body-preview.") : QStringLiteral("body.")) + ext;
}

bool BodyView::saveTo(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(d->body) != d->body.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QPushButton *BodyView::saveButton() const
{
    return d->save;
}

QPlainTextEdit *BodyView::textEdit() const
{
    return d->edit;
}

void BodyView::render()
{
    const Mode m = mode();
    const BodyKind kind = d->type.kind;
    QString shown;
    d->rendering = Rendering::Text;
    if (kind == BodyKind::Empty) {
        d->rendering = Rendering::None;
    } else if (m == Mode::Hex || (m == Mode::Auto && kind == BodyKind::Binary)) {
        shown = hexDump(d->body);
        d->rendering = Rendering::Hex;
    } else if (m != Mode::Raw && kind == BodyKind::Json) {
        shown = prettyJson(d->body);
        d->rendering = Rendering::Json;
    } else if (m != Mode::Raw && kind == BodyKind::Xml) {
        shown = prettyXml(d->body);
        d->rendering = Rendering::Xml;
    } else if (m != Mode::Raw && kind == BodyKind::Html) {
        shown = prettyHtml(decodeBody(d->body, d->type.charset));
        d->rendering = Rendering::Html;
    }
    if (kind != BodyKind::Empty && shown.isNull()) {
        // Not parseable (often because the preview is cut): the text as received beats nothing.
        shown = decodeBody(d->body, d->type.charset);
        d->rendering = Rendering::Text;
    }
    d->edit->setLineWrapMode(d->rendering == Rendering::Text ? QPlainTextEdit::WidgetWidth
                                                             : QPlainTextEdit::NoWrap);
    d->edit->setPlainText(shown);
    d->edit->setPlaceholderText(tr("No body"));

    QStringList info;
    if (!d->type.mimeType.isEmpty())
        info << QString::fromLatin1(d->type.mimeType);
    info << sizeText();
    if (d->type.kind != BodyKind::Empty && m != Mode::Hex && m != Mode::Raw && d->rendering == Rendering::Text
        && (kind == BodyKind::Json || kind == BodyKind::Xml))
        info << tr("not complete %1: shown as text")
                    .arg(kind == BodyKind::Json ? QStringLiteral("JSON") : QStringLiteral("XML"));
    d->info->setText(info.join(QStringLiteral(" · ")));

    d->save->setEnabled(!d->body.isEmpty());
    if (d->truncated) {
        // The engine keeps only a preview: say so on the button itself, not only in a tooltip.
        d->save->setText(tr("Save preview…"));
        d->save->setToolTip(tr("Only the first %1 of this body were kept (%2); this saves that preview, "
                               "not the full body. Fetch the URL again to get all of it.")
                                .arg(formatByteSize(d->body.size()), sizeText()));
    } else {
        d->save->setText(tr("Save full body…"));
        d->save->setToolTip(d->body.isEmpty()
                                ? tr("This response has no body to save")
                                : tr("Save the %1 received to a file").arg(formatByteSize(d->body.size())));
    }
}

void BodyView::saveWithDialog()
{
    const QString title = d->truncated ? tr("Save Body Preview") : tr("Save Body");
    const QString path = QFileDialog::getSaveFileName(this, title, defaultFileName());
    if (path.isEmpty())
        return;
    QString error;
    if (saveTo(path, &error)) {
        d->saveStatus->setText(d->truncated ? tr("Saved the %1 preview (not the full body) to %2")
                                                  .arg(formatByteSize(d->body.size()), path)
                                            : tr("Saved %1 to %2").arg(formatByteSize(d->body.size()), path));
    } else {
        d->saveStatus->setText(tr("Could not save to %1: %2").arg(path, error));
    }
    d->saveStatus->show();
}

}  // namespace Rwb
