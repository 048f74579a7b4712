#include "widgets/requestbodypane.h"

#include "core/io/boundedread.h"
#include "widgets/headereditview.h"
#include "workbench/headereditmodel.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace Rwb {

namespace {

const QLatin1String kFormType("application/x-www-form-urlencoded");

QByteArray encodeForm(const HeaderList &fields)
{
    QByteArrayList parts;
    for (const HeaderPair &f : fields)
        parts << QUrl::toPercentEncoding(QString::fromUtf8(f.first)) + '='
                     + QUrl::toPercentEncoding(QString::fromUtf8(f.second));
    return parts.join('&');
}

// The fields of a urlencoded body, only when encoding them again gives the same bytes: otherwise the
// body is shown as text, so that nothing the user did not touch changes.
std::optional<HeaderList> decodeForm(const QByteArray &body)
{
    HeaderList fields;
    for (const QByteArray &part : body.split('&')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        fields.append({QByteArray::fromPercentEncoding(part.left(eq)),
                       QByteArray::fromPercentEncoding(part.mid(eq + 1))});
    }
    if (encodeForm(fields) != body)
        return std::nullopt;
    return fields;
}

}  // namespace

RequestBodyPane::RequestBodyPane(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_form(new HeaderEditModel(this))
{
    m_mode->addItem(tr("No body"), int(Mode::None));
    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("Form fields (urlencoded)"), int(Mode::Form));
    m_mode->addItem(tr("File"), int(Mode::File));
    m_mode->setToolTip(tr("What the request carries as its body"));

    m_type->setEditable(true);
    m_type->addItems({QStringLiteral("application/json"), kFormType, QStringLiteral("text/plain"),
                      QStringLiteral("application/xml"), QStringLiteral("application/octet-stream")});
    m_type->lineEdit()->setPlaceholderText(tr("none, or set by the Headers tab"));
    m_type->setToolTip(tr("Content-Type sent with the body unless the Headers tab sets one. With %1 the "
                          "request is a form post, as curl -d makes it.")
                           .arg(kFormType));

    m_text->setToolTip(tr("The body, sent as UTF-8"));
    m_text->setPlaceholderText(tr("Request body"));
    m_form->setColumnTitles(tr("Field"), tr("Value"));

    auto *empty = new QLabel(tr("The request has no body."), this);
    empty->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(empty);
    m_stack->addWidget(m_text);
    m_stack->addWidget(makeFormPage());
    m_stack->addWidget(makeFilePage());

    // Form fields always go as a urlencoded form and no body has no type: the row then says what is sent
    // instead of showing the Text page's type greyed out.
    m_typeNote = new QLabel(this);
    m_typeNote->setObjectName(QStringLiteral("contentTypeNote"));
    m_typeNote->setTextFormat(Qt::PlainText);
    auto *typeRow = new QWidget(this);
    auto *typeLayout = new QHBoxLayout(typeRow);
    typeLayout->setContentsMargins(0, 0, 0, 0);
    typeLayout->addWidget(m_type, 1);
    typeLayout->addWidget(m_typeNote, 1);
    auto *typeLabel = new QLabel(tr("Content-&Type:"), this);
    typeLabel->setBuddy(m_type);
    auto *top = new QFormLayout;
    top->addRow(tr("&Body:"), m_mode);
    top->addRow(typeLabel, typeRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        if (m_hasBinary && mode() != Mode::Text) {
            // Leaving the read-only binary view drops the bytes: the text page becomes editable again.
            m_hasBinary = false;
            m_binary.clear();
            const QSignalBlocker blocker(m_text);
            m_text->clear();
            m_text->setReadOnly(false);
        }
        updateVisibility();
        emit changed();
    });
    connect(m_type, &QComboBox::currentTextChanged, this, [this] { emit changed(); });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { emit changed(); });
    connect(m_form, &QAbstractItemModel::dataChanged, this, [this] { emit changed(); });
    connect(m_form, &QAbstractItemModel::rowsRemoved, this, [this] { emit changed(); });
    connect(m_path, &QLineEdit::textChanged, this, [this] { emit changed(); });
    updateVisibility();
}

RequestBodyPane::~RequestBodyPane() = default;

QWidget *RequestBodyPane::makeFormPage()
{
    auto *view = new HeaderEditView(m_form, tr("Form fields"), this);
    m_formView = view->view();
    return view;
}

QWidget *RequestBodyPane::makeFilePage()
{
    auto *page = new QWidget(this);
    m_path = new QLineEdit(page);
    m_path->setPlaceholderText(tr("File to send as the body"));
    m_path->setToolTip(tr("Read each time the request is sent"));
    auto *browse = new QPushButton(tr("Br&owse…"), page);
    browse->setToolTip(tr("Choose the file to send"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body file"), m_path->text());
        if (!path.isEmpty())
            m_path->setText(path);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addStretch();
    return page;
}

void RequestBodyPane::updateVisibility()
{
    const Mode m = mode();
    m_stack->setCurrentIndex(int(m));
    const bool typed = m == Mode::Text || m == Mode::File;
    m_type->setVisible(typed);
    m_typeNote->setVisible(!typed);
    m_typeNote->setText(m == Mode::Form ? tr("%1 (form fields)").arg(kFormType) : tr("none (no body)"));
}

void RequestBodyPane::setBody(const QByteArray &body, bool formBody)
{
    const QSignalBlocker blocker(this);
    m_hasBinary = false;
    m_binary.clear();
    m_text->setReadOnly(false);
    m_text->clear();
    m_form->clear();
    m_path->clear();
    m_type->setCurrentText(formBody ? QString(kFormType) : QString());
    if (body.isEmpty() && !formBody) {
        setMode(Mode::None);
        return;
    }
    if (formBody && !body.isEmpty()) {
        if (const auto fields = decodeForm(body)) {
            m_form->setHeaders(*fields);
            setMode(Mode::Form);
            return;
        }
    }
    setMode(Mode::Text);
    if (isUtf8(body)) {
        m_text->setPlainText(QString::fromUtf8(body));
        return;
    }
    m_hasBinary = true;
    m_binary = body;
    m_text->setPlainText(
        tr("(binary, %n bytes: choose another mode to replace it)", nullptr, int(body.size())));
    m_text->setReadOnly(true);
}

QByteArray RequestBodyPane::body() const
{
    switch (mode()) {
    case Mode::None:
        return {};
    case Mode::Text:
        return m_hasBinary ? m_binary : m_text->toPlainText().toUtf8();
    case Mode::Form:
        return encodeForm(m_form->headers());
    case Mode::File:
        // Bounded, and never a pipe or a device: a body file cannot hang the window or fill its memory.
        return readBounded(m_path->text(), kMaxDocumentBytes, tr("a request body"))
            .bytes.value_or(QByteArray());
    }
    return {};
}

bool RequestBodyPane::formBody() const
{
    const Mode m = mode();
    if (m == Mode::Form)
        return true;
    return (m == Mode::Text || m == Mode::File) && m_type->currentText().trimmed() == kFormType;
}

QByteArray RequestBodyPane::contentType() const
{
    const Mode m = mode();
    if (m != Mode::Text && m != Mode::File)
        return {};
    const QString type = m_type->currentText().trimmed();
    return type == kFormType ? QByteArray() : type.toUtf8();
}

QString RequestBodyPane::problem() const
{
    if (mode() == Mode::Form)
        return m_form->problem().isEmpty() ? QString() : tr("form fields: %1").arg(m_form->problem());
    if (mode() != Mode::File)
        return {};
    const QString path = m_path->text();
    if (path.isEmpty())
        return tr("choose a file to send");
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return tr("cannot read %1%2")
            .arg(path, file.errorString().isEmpty() ? QString() : QStringLiteral(": ") + file.errorString());
    return {};
}

RequestBodyPane::Mode RequestBodyPane::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

void RequestBodyPane::setMode(Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

void RequestBodyPane::setContentType(const QString &type)
{
    m_type->setCurrentText(type);
}

void RequestBodyPane::setText(const QString &text)
{
    setMode(Mode::Text);
    m_hasBinary = false;
    m_text->setReadOnly(false);
    m_text->setPlainText(text);
}

void RequestBodyPane::setFilePath(const QString &path)
{
    setMode(Mode::File);
    m_path->setText(path);
}

}  // namespace Rwb
