#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace tl::ui {

// File > Export > ONNX: a finished run's model as an ONNX file that runs without TransferLab
// (OpenCV's DNN module, ONNX Runtime...), with its preprocessing and class names in a JSON file
// beside it; the same export as `transferlab-cli export RUN --format onnx`. The file is read back
// by OpenCV and compared with LibTorch before it is kept; the dialog says by how much they
// differ, or why the model cannot be exported (naming the layer).
class OnnxExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OnnxExportDialog(const QString &runsFolder, QWidget *parent = nullptr);

    // The run to export (its folder); proposes RUN_NAME.onnx beside the run when no file is set.
    void setRun(const QString &runDir);
    void setOutput(const QString &file);
    QString runDir() const;
    QString output() const;
    QLabel *status() const { return m_status; }

public Q_SLOTS:
    // Exports in the background; exported or failed follows.
    void exportNow();

Q_SIGNALS:
    void exported(const QString &file, const QString &summary);
    void failed(const QString &error);

private:
    QString m_runsFolder;
    QLineEdit *m_run;
    QLineEdit *m_out;
    QPushButton *m_export;
    QLabel *m_status;
};

} // namespace tl::ui
