;;; emacs_client.el --- eglot driving `cablelint server', run by tests/test_editor_emacs.py  -*- lexical-binding: t -*-

;; emacs --batch -l readme.el -l emacs_client.el
;;
;; The README's Emacs configuration (readme.el, the test extracts it) is loaded
;; first, as a user's init file would load it; this script then opens the cables
;; as a user does.  The spec (JSON, path in $CABLELINT_EMACS_SPEC) names the
;; documents: doc; then, when spec.edit is given, the edit, Fix all and the
;; document spec.configured.  What the editor showed (Flymake's diagnostics, the
;; buffer's text) is written as JSON to spec.out, then Emacs exits (1 on an error).
;;
;; Batch mode has no command loop: after opening a file the script runs
;; `post-command-hook', as the loop does after the command that opened it (where
;; `eglot-ensure' connects), and when the user "stops typing" it runs the idle
;; timers that are due, as the loop runs them when Emacs is idle (eglot sends
;; didChange, and Flymake starts, on idle timers).

(require 'cl-lib)
(require 'json)
(require 'eglot)
(require 'flymake)

(defvar cable-spec
  (let ((json-object-type 'alist) (json-array-type 'list) (json-key-type 'symbol))
    (json-read-file (getenv "CABLELINT_EMACS_SPEC"))))
(defvar cable-timeout (/ (alist-get 'timeout_ms cable-spec) 1000.0))
(defvar cable-out nil "What the editor saw, an alist written as JSON at the end.")
(defvar cable-published (make-hash-table :test #'equal)
  "File -> (count . version): how many publishDiagnostics, the version the last named.")
(defvar cable-first (make-hash-table :test #'equal)
  "File -> the codes of its first publishDiagnostics.")
(defvar cable-messages nil "The server's window/showMessage and window/logMessage texts.")

(defun cable-put (key value)
  (setq cable-out (append cable-out (list (cons key value)))))

(defun cable-file (path)
  (file-truename (expand-file-name path)))

;; every publishDiagnostics, counted per file, after eglot has handed it to Flymake
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri version diagnostics &allow-other-keys)
  (let ((file (cable-file (eglot--uri-to-path uri))))
    (unless (gethash file cable-first)
      (puthash file (mapcar (lambda (d) (plist-get d :code)) diagnostics) cable-first))
    (puthash file (cons (1+ (car (gethash file cable-published '(0)))) version) cable-published)))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql window/showMessage)) &key message &allow-other-keys)
  (push message cable-messages))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql window/logMessage)) &key message &allow-other-keys)
  (push message cable-messages))

(defun cable-wait (predicate what)
  "Process output and timers until PREDICATE holds; an error after the timeout."
  (let ((deadline (+ (float-time) cable-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (error "Timed out waiting for %s (messages: %S)" what (reverse cable-messages)))
      (accept-process-output nil 0.02))))

(defun cable-command (command &rest args)
  "Run COMMAND with ARGS as the command loop runs a command: `this-command'
set, `pre-command-hook' before and `post-command-hook' after."
  (setq this-command command)
  (run-hooks 'pre-command-hook)
  (prog1 (apply #'funcall-interactively command args)
    (run-hooks 'post-command-hook)
    (setq last-command command this-command nil)))

(defun cable-idle (seconds)
  "Stay idle SECONDS (output and timers processed), then run the idle timers
due after that long, shortest first, as the command loop does when idle."
  (let ((until (+ (float-time) seconds)))
    (while (< (float-time) until)
      (accept-process-output nil 0.02)))
  (let ((due (cl-remove-if-not (lambda (timer) (<= (float-time (timer--time timer)) seconds))
                               (copy-sequence timer-idle-list))))
    (dolist (timer (sort due (lambda (a b) (< (float-time (timer--time a)) (float-time (timer--time b))))))
      (when (memq timer timer-idle-list)
        (timer-event-handler timer)))))

(defun cable-position (pos)
  "POS as (line . column), both from 1, the column in characters (code points)."
  (save-excursion
    (goto-char pos)
    (cons (line-number-at-pos pos t) (1+ (- pos (line-beginning-position))))))

(defun cable-diagnostics ()
  "Flymake's diagnostics in the current buffer, in order."
  (let ((got (mapcar (lambda (d)
                       (let ((beg (cable-position (flymake-diagnostic-beg d)))
                             (end (cable-position (flymake-diagnostic-end d))))
                         `((line . ,(car beg)) (column . ,(cdr beg))
                           (end_line . ,(car end)) (end_column . ,(cdr end))
                           (type . ,(symbol-name (flymake-diagnostic-type d)))
                           (text . ,(flymake-diagnostic-text d)))))
                     (flymake-diagnostics))))
    (sort got (lambda (a b)
                (let ((ka (list (alist-get 'line a) (alist-get 'column a) (alist-get 'text a)))
                      (kb (list (alist-get 'line b) (alist-get 'column b) (alist-get 'text b))))
                  (cond ((/= (nth 0 ka) (nth 0 kb)) (< (nth 0 ka) (nth 0 kb)))
                        ((/= (nth 1 ka) (nth 1 kb)) (< (nth 1 ka) (nth 1 kb)))
                        (t (string< (nth 2 ka) (nth 2 kb)))))))))

(defun cable-text ()
  (save-restriction (widen) (buffer-substring-no-properties (point-min) (point-max))))

(defun cable-published-count ()
  (car (gethash (cable-file buffer-file-name) cable-published '(0))))

(defun cable-wait-published (count &optional version)
  "Wait for the COUNTth publishDiagnostics of the current buffer's file (and
one for VERSION, when given)."
  (cable-wait (lambda ()
                (let ((seen (gethash (cable-file buffer-file-name) cable-published '(0))))
                  (and (>= (car seen) count) (or (null version) (eql (cdr seen) version)))))
              (format "diagnostics #%d (version %s) for %s: %S" count version buffer-file-name
                      (gethash (cable-file buffer-file-name) cable-published))))

(defun cable-open (path)
  "Open PATH as a user does (C-x C-f): the README's mode and `eglot-ensure';
wait for the first diagnostics, shown by Flymake."
  (cable-command #'find-file path)
  (cable-wait #'eglot-managed-p (format "eglot to manage %s" path))
  (cable-wait-published 1)
  ;; Flymake, turned on by eglot while `find-file' ran, starts its backends
  ;; after the next command: any key (here one that does nothing)
  (cable-command #'ignore)
  (cable-wait (lambda () (flymake-reporting-backends)) "Flymake to show eglot's diagnostics"))

(defun cable-run ()
  (cable-put 'emacs emacs-version)
  ;; 1. the cable as opened: the diagnostics of the first lint
  (cable-open (alist-get 'doc cable-spec))
  (let ((doc (current-buffer)))
    (cable-put 'opened (cable-diagnostics))
    (cable-put 'first_codes (gethash (cable-file buffer-file-name) cable-first))
    (let ((edit (alist-get 'edit cable-spec)))
      (when edit
        ;; 2. an edit (line replaced, as by typing), sent and linted again once
        ;; the user stops typing
        (let ((before (cable-published-count)))
          (cable-command (lambda ()
                           (interactive)
                           (goto-char (point-min))
                           (forward-line (alist-get 'line edit))
                           (delete-region (line-beginning-position) (line-end-position))
                           (insert (alist-get 'text edit))))
          (cable-idle 0.6)
          (cable-wait-published (1+ before) eglot--versioned-identifier)
          (cable-put 'edited_version eglot--versioned-identifier)
          (cable-put 'edited (cable-diagnostics))
          (cable-put 'edited_text (cable-text)))
        ;; 3. the actions offered on one line (M-x eglot-code-actions there),
        ;; then Fix all: the actions offered for the whole buffer, and the
        ;; README's command that applies it
        (save-excursion
          (goto-char (point-min))
          (forward-line (alist-get 'actions_line cable-spec))
          (cable-put 'line_actions
                     (mapcar (lambda (a) `((title . ,(plist-get a :title)) (kind . ,(plist-get a :kind))))
                             (eglot-code-actions (line-beginning-position) (line-end-position)))))
        (cable-put 'actions
                   (mapcar (lambda (a) `((title . ,(plist-get a :title)) (kind . ,(plist-get a :kind))))
                           (eglot-code-actions (point-min) (point-max) "source.fixAll.cablelint")))
        (cable-command 'cablelint-fix-all)
        (cable-put 'fixed_text (cable-text))
        ;; 4. a second cable, in a folder with a configuration file above it
        (cable-open (alist-get 'configured cable-spec))
        (cable-put 'configured (cable-diagnostics))
        (set-buffer doc)))
    (cable-put 'messages (reverse cable-messages))))

(let ((ok t))
  (condition-case err
      (cable-run)
    (error (setq ok nil)
           (cable-put 'error (format "%S" err))))
  (with-temp-file (alist-get 'out cable-spec)
    (let ((json-encoding-pretty-print nil))
      (insert (json-encode cable-out))))
  ;; the protocol's traffic, for a failure's diagnosis
  (let ((events (alist-get 'events cable-spec)))
    (when events
      (with-temp-file events
        (dolist (buffer (buffer-list))
          (when (string-match-p "EGLOT.*events" (buffer-name buffer))
            (insert-buffer-substring buffer))))))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs (if ok 0 1)))

;;; emacs_client.el ends here
