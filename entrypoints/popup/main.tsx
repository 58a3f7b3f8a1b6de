import { render } from 'preact';
import '../../components/theme.css';
import { Popup } from '../../lib/popup/popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
