#pragma once

#include "core/http/trace.h"
#include "workbench/bodyformat.h"

#include <QWidget>

#include <memory>

class QPushButton;
class QPlainTextEdit;

namespace Rwb {

// A response body preview: pretty JSON/XML, text in its charset, or a hex dump, with its size ("showing
// 64 KiB of 3.2 MiB" when the engine kept only a preview) and a way to save what was received.
class BodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyView)

public:
    enum class Mode { Auto, Pretty, Raw, Hex };
    // What the view shows right now (Pretty falls back to Text when the body does not parse).
    enum class Rendering { None, Json, Xml, Html, Text, Hex };

    explicit BodyView(QWidget *parent = nullptr);
    ~BodyView() override;

    void setBody(const QByteArray &preview, const QByteArray &contentType, qint64 totalSize, bool truncated);
    void setResponse(const WireResponse &response);
    void clear();

    Mode mode() const;
    void setMode(Mode mode);
    Rendering rendering() const;
    BodyType bodyType() const;

    QString text() const;      // the text in the view
    QString sizeText() const;  // "No body", "1.2 KiB", "showing 64 KiB of 3.2 MiB"
    QString infoText() const;  // type, size and rendering, as one line
    bool isPreviewOnly() const;
    // "body.json", or "body-preview.json" when only a cut preview exists.
    QString defaultFileName() const;
    // Writes the received bytes (the preview) atomically; false with `error` set on failure.
    bool saveTo(const QString &path, QString *error = nullptr) const;

    QPushButton *saveButton() const;
    QPlainTextEdit *textEdit() const;

private:
    void render();
    void saveWithDialog();

    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace Rwb
