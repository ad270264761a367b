#!/usr/bin/env python3
"""The Jupyter protocol conformance suite (jupyter_kernel_test, from PyPI) against the default
kernelspec "java": execute results, display data (the library's own Markdown and plotly figures
through the real kernel), stdout and stderr, errors, completion, inspection, is_complete, history.

What the kernel itself gets wrong is marked with @known_limitation(reason): such a test must keep
failing (unittest reports an unexpected success as a failure), so the README's list of kernel
limitations is checked both ways, and a kernel update that fixes one is noticed.
"""
import os
import pathlib
import sys
import unittest

import jupyter_kernel_test

JAR = pathlib.Path(__file__).resolve().parents[2] / "lib" / "target" / "gradnotes.jar"
LIMITATIONS = {}


def known_limitation(reason):
    def mark(test):
        LIMITATIONS[test.__name__] = reason
        # GRADNOTES_SHOW_LIMITATIONS=1 runs them as plain tests, to see how each one fails
        return test if os.environ.get("GRADNOTES_SHOW_LIMITATIONS") else unittest.expectedFailure(test)
    return mark


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java"
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalArgumentException("x has 3 columns, Wx expects 4");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"h" + 1', "result": "h1"},
    ]
    code_display_data = [
        {"code": 'gradnotes.notebook.Display.show(gradnotes.notebook.Display.markdown("**h_1**"));',
         "mime": "text/markdown"},
        {"code": 'gradnotes.notebook.Display.show(tech.tablesaw.plotly.api.LinePlot.create("norm", '
                 'tech.tablesaw.api.Table.create("t").addColumns(tech.tablesaw.api.DoubleColumn.create("t", 1, 2), '
                 'tech.tablesaw.api.DoubleColumn.create("n", 1, 0.5)), "t", "n"));',
         "mime": "application/vnd.plotly.v1+json"},
    ]
    completion_samples = [{"text": "Math.sq", "matches": {"sqrt("}}]
    complete_code_samples = ["int a = 1;", "System.out.println(a);"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "double z = (1 + 2"]
    invalid_code_samples = ["int 1x = 5;"]
    code_inspect_sample = "Math.sqrt"
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "search")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply = cls.kc.execute_interactive(f"%classpath {JAR}", timeout=60, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", f"the library did not load: {reply['content']}"

    @known_limitation("kernel_info_reply has no \"status\" field and names the language \"Java\", "
                      "file extension \".jshell\"")
    def test_kernel_info(self):
        super().test_kernel_info()

    @known_limitation("a syntax error like `int 1x = 5;` is judged \"complete\" (the compiler rejects it when run)")
    def test_is_complete(self):
        super().test_is_complete()

    @known_limitation("history requests get no reply")
    def test_history(self):
        super().test_history()

    @known_limitation("inspection (Shift+Tab) finds nothing")
    def test_inspect(self):
        super().test_inspect()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    for name, reason in LIMITATIONS.items():
        print(f"known kernel limitation, {name}: {reason}")
    sys.exit(0 if result.wasSuccessful() else 1)
