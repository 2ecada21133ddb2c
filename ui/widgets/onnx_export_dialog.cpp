#include "widgets/onnx_export_dialog.h"

#include "a11y/accessibility.h"

#include "inference/run_onnx.h"
#include "widgets/background.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

namespace tl::ui {

namespace {

QWidget *withBrowse(QLineEdit *edit, QPushButton *browse)
{
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(edit, 1);
    h->addWidget(browse);
    return row;
}

} // namespace

OnnxExportDialog::OnnxExportDialog(const QString &runsFolder, QWidget *parent)
    : QDialog(parent), m_runsFolder(runsFolder), m_run(new QLineEdit), m_out(new QLineEdit),
      m_export(new QPushButton(tr("&Export"))), m_status(new QLabel)
{
    setWindowTitle(tr("Export to ONNX"));
    m_run->setObjectName("onnxRun");
    m_out->setObjectName("onnxOutput");
    m_status->setObjectName("onnxStatus");
    a11y::name(m_run, tr("Run folder"));
    a11y::name(m_out, tr("ONNX file"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *intro = new QLabel(
        tr("The run's model as an ONNX file (opset 10) that runs without TransferLab: in "
           "OpenCV's DNN module (C++ or Python), ONNX Runtime and the like. Its preprocessing "
           "and class names go into the file and into a JSON file beside it."));
    intro->setWordWrap(true);
    auto *browseRun = new QPushButton(tr("Run…"));
    auto *browseOut = new QPushButton(tr("Save as…"));
    auto *form = new QFormLayout;
    form->addRow(tr("Run folder:"), withBrowse(m_run, browseRun));
    form->addRow(tr("ONNX file:"), withBrowse(m_out, browseOut));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
    a11y::prepareWindow(this);

    connect(browseRun, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("A finished run"), m_run->text().isEmpty() ? m_runsFolder : m_run->text());
        if (!dir.isEmpty())
            setRun(dir);
    });
    connect(browseOut, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export to ONNX"), m_out->text(),
                                                          tr("ONNX (*.onnx)"));
        if (!file.isEmpty())
            setOutput(file.endsWith(".onnx", Qt::CaseInsensitive) ? file : file + ".onnx");
    });
    connect(m_export, &QPushButton::clicked, this, &OnnxExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void OnnxExportDialog::setRun(const QString &runDir)
{
    m_run->setText(QDir::toNativeSeparators(runDir));
    if (m_out->text().isEmpty() && !runDir.isEmpty()) {
        const QFileInfo run(runDir);
        m_out->setText(run.absoluteDir().filePath(run.fileName() + ".onnx"));
    }
}

void OnnxExportDialog::setOutput(const QString &file)
{
    m_out->setText(QDir::toNativeSeparators(file));
}

QString OnnxExportDialog::runDir() const
{
    return QDir::fromNativeSeparators(m_run->text().trimmed());
}

QString OnnxExportDialog::output() const
{
    return QDir::fromNativeSeparators(m_out->text().trimmed());
}

void OnnxExportDialog::exportNow()
{
    const QString run = runDir(), out = output();
    if (run.isEmpty() || out.isEmpty()) {
        m_status->setText(tr("Choose a finished run and a file to write."));
        return;
    }
    m_export->setEnabled(false);
    m_status->setText(tr("Exporting and checking the file in OpenCV…"));
    auto result = std::make_shared<runs::OnnxExport>();
    runInBackground<OnnxExportDialog>(
        this,
        [result, run = run.toStdString(), out = out.toStdString()] {
            *result = runs::exportRunOnnx(run, out);
        },
        [result, out](OnnxExportDialog *d, const QString &error) {
            d->m_export->setEnabled(true);
            if (!error.isEmpty()) {
                d->m_status->setText(tr("Not exported: %1").arg(error));
                Q_EMIT d->failed(error);
                return;
            }
            const QString summary =
                tr("Written %1 (%2 MB, ONNX opset %3) and %4. OpenCV's DNN module reads it "
                   "back: its logits differ from LibTorch's by at most %5.")
                    .arg(QDir::toNativeSeparators(out))
                    .arg(double(result->bytes) / 1e6, 0, 'f', 1)
                    .arg(result->opset)
                    .arg(QFileInfo(QString::fromStdString(result->jsonPath)).fileName())
                    .arg(result->maxLogitDifference, 0, 'g', 2);
            d->m_status->setText(summary);
            Q_EMIT d->exported(out, summary);
        });
}

} // namespace tl::ui
