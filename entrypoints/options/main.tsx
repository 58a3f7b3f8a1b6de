import { render } from 'preact';
import '../../components/theme.css';
import { Options } from '../../lib/options/options';

const root = document.getElementById('app');
if (root) render(<Options />, root);
