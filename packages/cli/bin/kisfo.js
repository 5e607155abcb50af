#!/usr/bin/env node
import { runAsProcess } from '../dist/run-process.js';

process.exitCode = await runAsProcess();
